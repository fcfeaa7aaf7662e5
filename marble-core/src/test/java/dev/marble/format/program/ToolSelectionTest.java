package dev.marble.format.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.ConfigException;
import dev.marble.error.SourceLocation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MCP tool names as a program lists them, matched against a server's tools as LLMProc matched them. */
class ToolSelectionTest {

    private static final SourceLocation AT = new SourceLocation(Path.of("/p/prog.toml"), 12, 9, "tools.mcp.everything");
    private static final List<String> SERVER = List.of("echo", "get-sum", "get_tiny_image", "printEnv");

    @Test
    void namesMatchExactlyOrIgnoringCaseAndUnderscoresAgainstHyphens() {
        var resolved = ToolSelection.Named.of("ECHO", "get_sum", "get-tiny-image", "printenv")
                .resolve("everything", SERVER, AT);
        assertThat(resolved.keySet()).containsExactly("echo", "get-sum", "get_tiny_image", "printEnv");
        assertThat(resolved.get("get-sum").name()).isEqualTo("get_sum");
    }

    @Test
    void anExactNameWinsOverLenientOnes() {
        var resolved = ToolSelection.Named.of("get-sum").resolve("s", List.of("get_sum", "get-sum"), AT);
        assertThat(resolved.keySet()).containsExactly("get-sum");
    }

    @Test
    void anUnknownNameIsAnErrorNamingTheServersTools() {
        assertThatThrownBy(() -> ToolSelection.Named.of("echo", "get_summ").resolve("everything", SERVER, AT))
                .isInstanceOf(ConfigException.class)
                .hasMessage("/p/prog.toml:12:9: tools.mcp.everything: MCP server 'everything' has no tool"
                        + " \"get_summ\"; its tools: echo, get-sum, get_tiny_image, printEnv");
        assertThatThrownBy(() -> ToolSelection.Named.of("x").resolve("empty", List.of(), AT))
                .hasMessageEndingWith("MCP server 'empty' has no tool \"x\"; its tools: none");
    }

    @Test
    void aNameThatMatchesTwoToolsLenientlyIsAnError() {
        assertThatThrownBy(() -> ToolSelection.Named.of("GET_SUM").resolve("s", List.of("get_sum", "get-sum"), AT))
                .hasMessageEndingWith("\"GET_SUM\" matches several tools of MCP server 's' (get_sum, get-sum);"
                        + " write the exact name");
    }
}
