package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Record and replay: a chain of Marble links runs on the fake Anthropic server, its model answers are exported from
 * the journal as a scripted replay, and the chain, reset and pointed at the replay with no server at all, ends in the
 * same state files and its journal holds the same answers.
 */
class ChainReplayTest {

    private static final String KEY = "sk-ant-api03-REPLAYTESTKEY0000000000000000";

    @TempDir
    Path temp;

    private CliRunner cli;
    private final FakeAnthropicServer anthropic = FakeAnthropicServer.start();

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.stdin("");
        cli.env("ANTHROPIC_BASE_URL", anthropic.baseUrl()).env("ANTHROPIC_API_KEY", KEY);
        anthropic.requireApiKey(KEY);
    }

    @AfterEach
    void stop() {
        anthropic.close();
    }

    private void chain(String model) throws IOException {
        cli.write("chains/c.json", """
                {"max_rounds": 2, "defaults": {"model": "%s", "allowed_tools": ["Read", "Write"]},
                 "links": [{"name": "writer", "prompt": "Write the next part."},
                           {"name": "editor", "prompt": "Edit what was written."}]}
                """.formatted(model));
    }

    private static FakeReply.Answer write(String path, String content) {
        return FakeReply.toolCall(
                        "write_file", Json.write(Json.object().put("path", path).put("content", content)))
                .withUsage(120, 30, 0, 0);
    }

    @Test
    void aChainRecordedOnTheServerReplaysOfflineToTheSameStateFiles() throws IOException {
        for (int round = 1; round <= 2; round++) {
            anthropic.enqueue(
                    write("state/c/handoff.md", "Round " + round + ": the writer wrote part " + round + ".\n"),
                    FakeReply.text("writer done with round " + round).withUsage(200, 10, 50, 0),
                    write("story.txt", "part " + round + ", edited <b>&</b> \"quoted\"\n"),
                    FakeReply.text("editor done with round " + round).withUsage(210, 12, 0, 0));
        }
        chain("anthropic:claude-sonnet-4-6");
        var recorded = cli.run("chain", "start", "c");
        assertThat(recorded.exit()).as(recorded.err()).isZero();
        Map<String, String> first = stateFiles();
        assertThat(first.get("state/c/handoff.md")).isEqualTo("Round 2: the writer wrote part 2.\n");
        assertThat(first.get("state/c/round_counter.txt").strip()).isEqualTo("2");

        String chainRun = chainRunId();
        var export = cli.run("logs", "--run", chainRun, "--replay", "replay.json");
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).contains("wrote 8 replies of run " + chainRun + " to replay.json");
        String replay = Files.readString(cli.project().resolve("replay.json"));
        assertThat(replay).doesNotContain(KEY);

        // offline: no server, no key; the chain starts afresh on the replay
        anthropic.close();
        cli.env("ANTHROPIC_BASE_URL", "http://127.0.0.1:9").env("ANTHROPIC_API_KEY", null);
        Files.delete(cli.project().resolve("story.txt"));
        assertThat(cli.run("chain", "reset", "c").exit()).isZero();
        chain("scripted:replay.json");
        var replayed = cli.run("chain", "start", "c");
        assertThat(replayed.exit()).as(replayed.err()).isZero();

        assertThat(stateFiles()).isEqualTo(first);
        // and the replay of the replay is the replay: the same answers, byte for byte
        var again = cli.run("logs", "--run", chainRunId(), "--replay", "again.json");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(replies(Files.readString(cli.project().resolve("again.json"))))
                .isEqualTo(replies(replay));
    }

    private static JsonNode replies(String replay) {
        return Json.parse(replay).path("replies");
    }

    /** The newest chain run's id. */
    private String chainRunId() {
        var runs = cli.run("logs", "--runs", "--json");
        assertThat(runs.exit()).as(runs.err()).isZero();
        List<JsonNode> chains = runs.out()
                .lines()
                .map(Json::parse)
                .filter(r -> r.path("kind").asString().equals("chain"))
                .toList();
        return chains.getLast().path("id").asString();
    }

    /** What the links leave behind: the chain's handoffs and counters, and the file they write. */
    private Map<String, String> stateFiles() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        Path root = cli.project();
        try (Stream<Path> state = Files.list(root.resolve("state/c"))) {
            for (Path file : state.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("handoff") || name.equals("round_counter.txt") || name.equals("status.txt")) {
                    files.put("state/c/" + name, Files.readString(file));
                }
            }
        }
        files.put("story.txt", Files.readString(root.resolve("story.txt")));
        return files;
    }
}
