package dev.marble.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.config.ConfigWarning;
import dev.marble.config.Environment;
import dev.marble.error.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McpServersConfigTest {

    @TempDir
    Path dir;

    private final Environment environment = new Environment(
            Map.of("HOME", "/home/ada", "TOKEN", "s3cret", "EMPTY", ""), Path.of("/work"), Path.of("/home/ada"));

    private Path file(String json) throws IOException {
        return Files.writeString(dir.resolve("mcp.json"), json);
    }

    private McpServersConfig read(String json) throws IOException {
        return McpServersConfig.read(file(json), environment);
    }

    private ConfigException error(String json) {
        return (ConfigException) Assertions.catchThrowable(() -> read(json));
    }

    @Test
    void readsTheClaudeDesktopFormatWithMarblesKeys() throws IOException {
        McpServersConfig config = read("""
                {"mcpServers": {
                  "files": {"command": "npx", "args": ["-y", "server-filesystem", "${HOME}/notes"],
                            "env": {"DEBUG": "${DEBUG:-0}"}, "pre_approved": ["read_text_file"]},
                  "search": {"url": "http://127.0.0.1:3001/mcp", "headers": {"Authorization": "Bearer ${TOKEN}"},
                             "tools": ["search"], "exclude": ["admin"], "timeout_seconds": 30,
                             "type": "streamable-http", "pre_approved": true}
                }}
                """);
        assertThat(config.warnings()).isEmpty();
        assertThat(config.servers()).hasSize(2);
        McpServerConfig files = config.servers().get(0);
        assertThat(files.name()).isEqualTo("files");
        assertThat(files.transport())
                .isEqualTo(new McpServerConfig.Stdio(
                        "npx", List.of("-y", "server-filesystem", "/home/ada/notes"), Map.of("DEBUG", "0")));
        assertThat(files.tools()).isNull();
        assertThat(files.offers("anything")).isTrue();
        assertThat(files.preApproves("read_text_file", "files__read_text_file")).isTrue();
        assertThat(files.preApproves("write_file", "files__write_file")).isFalse();
        assertThat(files.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(files.location().line()).isEqualTo(2);

        McpServerConfig search = config.servers().get(1);
        assertThat(search.transport())
                .isEqualTo(new McpServerConfig.Http(
                        URI.create("http://127.0.0.1:3001/mcp"), Map.of("Authorization", "Bearer s3cret")));
        assertThat(search.transport().describe()).isEqualTo("url: http://127.0.0.1:3001/mcp");
        assertThat(search.offers("search")).isTrue();
        assertThat(search.offers("other")).isFalse();
        assertThat(search.preApproves("anything", "search__anything")).isTrue();
        assertThat(search.timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void unknownKeysAreWarningsWithTheirPlace() throws IOException {
        McpServersConfig config = read("""
                {"mcpServers": {
                  "a": {"command": "x", "disabled": true, "timeout_second": 5, "_note": "comments are fine"}
                }, "globalShortcut": "Ctrl+Space"}
                """);
        assertThat(config.warnings())
                .extracting(ConfigWarning::toString)
                .containsExactly(
                        dir.resolve("mcp.json") + ":2:25: mcpServers.a.disabled: unknown key, ignored",
                        dir.resolve("mcp.json")
                                + ":2:43: mcpServers.a.timeout_second: unknown key, ignored (did you mean "
                                + "\"timeout_seconds\"?)",
                        dir.resolve("mcp.json") + ":3:4: globalShortcut: unknown key, ignored");
    }

    @Test
    void anUnsetVariableIsAnErrorAtItsValue() {
        ConfigException e = error("""
                {"mcpServers": {
                  "search": {"url": "http://127.0.0.1:3001/mcp",
                             "headers": {"Authorization": "Bearer ${SEARCH_TOKEN}"}}
                }}
                """);
        assertThat(e.location().line()).isEqualTo(3);
        assertThat(e.location().column()).isEqualTo(43);
        assertThat(e.location().field()).isEqualTo("mcpServers.search.headers.Authorization");
        assertThat(e)
                .hasMessageEndingWith("mcpServers.search.headers.Authorization: environment variable SEARCH_TOKEN"
                        + " is not set; set it, or give a default: ${SEARCH_TOKEN:-value}");
    }

    @Test
    void anEmptyVariableCountsAsUnsetAndDefaultsApply() throws IOException {
        assertThat(error("{\"mcpServers\": {\"a\": {\"command\": \"x\", \"args\": [\"${EMPTY}\"]}}}"))
                .hasMessageContaining("mcpServers.a.args[0]: environment variable EMPTY is not set");
        McpServersConfig config = read("{\"mcpServers\": {\"a\": {\"command\": \"${TOOL:-node}\","
                + " \"args\": [\"${EMPTY:-fallback}\", \"$HOME\", \"${HOME}${HOME}\"]}}}");
        assertThat(((McpServerConfig.Stdio) config.servers().get(0).transport()).args())
                .containsExactly("fallback", "$HOME", "/home/ada/home/ada");
        assertThat(error("{\"mcpServers\": {\"a\": {\"command\": \"${NOT CLOSED\"}}}"))
                .hasMessageContaining("mcpServers.a.command: \"${\" without a closing \"}\"");
        assertThat(error("{\"mcpServers\": {\"a\": {\"command\": \"${1BAD}\"}}}"))
                .hasMessageContaining("\"${1BAD}\" does not name an environment variable");
    }

    @Test
    void shapeErrorsNameTheFieldLineAndColumn() {
        ConfigException args = error("""
                {"mcpServers": {
                  "a": {"command": "x", "args": "--verbose"}
                }}
                """);
        assertThat(args)
                .hasMessage(dir.resolve("mcp.json") + ":2:33: mcpServers.a.args: expected a list where each"
                        + " item is a string, got \"--verbose\"");
        assertThat(error("{\"mcpServers\": {\"a\": {\"command\": \"x\", \"timeout_seconds\": 0}}}"))
                .hasMessageEndingWith("mcpServers.a.timeout_seconds: expected an integer from 1 to 2147483647, got 0");
        assertThat(error("{\"mcpServers\": {\"a\": {\"command\": \"x\", \"env\": {\"PORT\": 3000}}}}"))
                .hasMessageEndingWith("mcpServers.a.env.PORT: expected a string, got 3000");
        assertThat(error("{\"mcpServers\": {\"a\": {\"url\": \"http://h/mcp\", \"type\": \"sse\"}}}"))
                .hasMessageEndingWith("mcpServers.a.type: expected one of http, stdio, streamable-http, got \"sse\"");
        assertThat(error("{\"mcpServers\": {\"a\": {\"command\": \"x\", \"pre_approved\": \"yes\"}}}"))
                .hasMessageEndingWith(
                        "mcpServers.a.pre_approved: expected true, false or a list of tool names, got \"yes\"");
        assertThat(error("{\"mcpServers\": {\"a\": {\"command\": \"x\", \"pre_approved\": [\"ok\", 3]}}}"))
                .hasMessageEndingWith("mcpServers.a.pre_approved[1]: expected a tool name (a string), got 3");
        assertThat(error("{\"servers\": {}}"))
                .hasMessageEndingWith(
                        "missing required key \"mcpServers\"" + " (an object mapping each server name to an object)");
        assertThat(error("[1]")).hasMessageEndingWith("expected an object, got a list");
    }

    @Test
    void eachServerNeedsACommandOrAUrlThatFitsItsType() {
        assertThat(error("{\"mcpServers\": {\"a\": {\"args\": [\"x\"]}}}"))
                .hasMessageEndingWith("mcpServers.a: needs \"command\" (a program that speaks MCP on stdio) or \"url\""
                        + " (a streamable HTTP endpoint)");
        assertThat(error("{\"mcpServers\": {\"a\": {\"command\": \"x\", \"url\": \"http://h/mcp\"}}}"))
                .hasMessageContaining("mcpServers.a: has both \"command\" and \"url\"");
        assertThat(error("{\"mcpServers\": {\"a\": {\"type\": \"http\", \"command\": \"x\"}}}"))
                .hasMessageEndingWith("mcpServers.a.type: type \"http\" needs \"url\", but the server has \"command\"");
        assertThat(error("{\"mcpServers\": {\"a\": {\"type\": \"stdio\", \"url\": \"http://h/mcp\"}}}"))
                .hasMessageEndingWith(
                        "mcpServers.a.type: type \"stdio\" needs \"command\", but the server has \"url\"");
        assertThat(error("{\"mcpServers\": {\"a\": {\"url\": \"ftp://h/mcp\"}}}"))
                .hasMessageEndingWith("mcpServers.a.url: expected an http:// or https:// URL such as"
                        + " http://127.0.0.1:3001/mcp, got \"ftp://h/mcp\"");
        assertThat(error("{\"mcpServers\": {\"a\": {\"command\": \"\"}}}"))
                .hasMessageEndingWith("mcpServers.a.command: expected a program, got \"\"");
    }

    @Test
    void serverNamesMustFitIntoToolNames() {
        ConfigException e = error("""
                {"mcpServers": {
                  "my server": {"command": "x"}
                }}
                """);
        assertThat(e.location().line()).isEqualTo(2);
        assertThat(e)
                .hasMessageEndingWith("mcpServers.my server: a server name must be letters, digits, '_' or '-'"
                        + " (it becomes part of each tool's name), got \"my server\"");
        assertThat(error("{\"mcpServers\": {\"\": {\"command\": \"x\"}}}")).hasMessageContaining("got \"\"");
    }

    @Test
    void loadMakesOneLazyToolsetPerServer() throws IOException {
        Path config =
                file("{\"mcpServers\": {\"one\": {\"command\": \"x\"}, \"two\": {\"url\": \"http://127.0.0.1:1/mcp\"}},"
                        + " \"extra\": 1}");
        try (McpToolsets loaded = McpToolsets.load(config, environment, environment)) {
            assertThat(loaded.toolsets())
                    .extracting(McpToolset::name)
                    .containsExactly("mcp server 'one'", "mcp server 'two'");
            assertThat(loaded.toolsets())
                    .allSatisfy(t -> assertThat(t.process()).isEmpty());
            assertThat(loaded.warnings()).hasSize(1);
        }
        assertThatThrownBy(() -> McpToolsets.load(dir.resolve("missing.json"), environment, environment))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("missing.json: file not found");
    }
}
