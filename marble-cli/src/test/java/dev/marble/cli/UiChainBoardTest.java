package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.chain.state.StateDir;
import dev.marble.json.Json;
import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import dev.marble.ui.ChainAction;
import dev.marble.ui.ChainBoard;
import dev.marble.ui.ChainFacts;
import dev.marble.ui.Dashboard;
import dev.marble.ui.JournalRunHistory;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's chains as the CLI sees them: a chain of Marble agent links run on the fake Anthropic server, read
 * back through {@link CliChainBoard} and the journal, and its buttons doing what {@code marble chain stop} does.
 */
class UiChainBoardTest {

    static final String KEY = "sk-ant-api03-board-test-key-0123456789abcdefghij";

    @TempDir
    Path temp;

    private FakeAnthropicServer anthropic;
    private CliRunner cli;

    @BeforeEach
    void setUp() throws Exception {
        anthropic = FakeAnthropicServer.start();
        cli = new CliRunner(temp);
        cli.env("ANTHROPIC_BASE_URL", anthropic.baseUrl()).env("ANTHROPIC_API_KEY", KEY);
        cli.write("chains/demo.json", """
                {"description": "a demo", "max_rounds": 2,
                 "links": [{"name": "worker", "model": "anthropic:claude-haiku-4-5", "prompt": "work {ROUND}"}]}
                """);
    }

    @AfterEach
    void tearDown() {
        anthropic.close();
    }

    @Test
    void aFinishedChainShowsItsRoundsLinksAndHandoffWithoutTheKey() throws Exception {
        anthropic.enqueue(
                FakeReply.toolCall("read_file", "{\"path\": \"notes.txt\"}"),
                FakeReply.text("round one done"),
                FakeReply.text("round two done"));
        var run = cli.run("chain", "start", "demo");
        assertThat(run.exit()).as(run.err()).isZero();
        Files.writeString(StateDir.of(cli.project().resolve("state"), "demo").handoffFile(), "## Task: " + KEY);

        ChainBoard board = new CliChainBoard(cli.context(), ChainHome.of(cli.context(), null));
        ChainFacts demo = board.chains().getFirst();
        assertThat(demo.name()).isEqualTo("demo");
        assertThat(demo.status())
                .isEqualTo(
                        Json.parse(cli.run("chain", "status", "--json", "demo").out())
                                .path("status")
                                .asString());
        assertThat(demo.round()).isEqualTo(2);
        assertThat(demo.running()).isFalse();
        assertThat(board.chain("demo").orElseThrow().handoff()).doesNotContain(KEY);
        assertThat(board.chain("../demo")).isEmpty();

        try (Dashboard dashboard = Dashboard.start(
                InetAddress.getLoopbackAddress(),
                0,
                board,
                new JournalRunHistory(cli.project().resolve(".marble")))) {
            HttpClient client = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + dashboard.port());
            String page = client.send(
                            HttpRequest.newBuilder(base.resolve("/chains/demo")).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(page).contains("worker").contains("claude-haiku-4-5").doesNotContain(KEY);
            var chain = Json.parse(client.send(
                            HttpRequest.newBuilder(base.resolve("/api/chains/demo"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            assertThat(chain.path("links").size()).isEqualTo(2);
            assertThat(chain.path("links").get(0).path("outcome").asString()).isEqualTo("ok");
            String linkRun = chain.path("links").get(0).path("link_run_id").asString();
            String runPage = client.send(
                            HttpRequest.newBuilder(base.resolve("/runs/" + linkRun))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(runPage).contains("read_file").contains("notes.txt");
        }
    }

    @Test
    void stopDoesWhatChainStopDoes() {
        ChainBoard board = new CliChainBoard(cli.context(), ChainHome.of(cli.context(), null));
        ChainBoard.ActionResult result = board.act("demo", ChainAction.STOP);
        assertThat(result.ok()).isTrue();
        assertThat(result.message()).contains("demo is not running; its next start stops at once");
        assertThat(cli.run("chain", "status", "demo").out()).contains("STOP requested: " + CliChainBoard.STOP_REASON);
    }
}
