package dev.marble.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard showing a chain marked as started on a durable engine as the engine sees it, over real HTTP, with an
 * engine in this JVM ({@link InProcessEngine}) in place of Temporal: answering, refusing (its server is down) and
 * hanging. The state files say round 1, the engine round 3, so each page shows whose view it is.
 */
class EngineDashboardTest {

    @TempDir
    Path temp;

    private final InProcessEngine engine = new InProcessEngine();
    private FixedBoard board;
    private Dashboard dashboard;
    private URI base;

    @BeforeEach
    void start() {
        board = new FixedBoard(temp.resolve("state"));
        JournalFixture.write(temp.resolve(".marble"), "ls -la");
        dashboard = Dashboard.start(
                InetAddress.getLoopbackAddress(), 0, board, new JournalRunHistory(temp.resolve(".marble")), engine);
        base = URI.create("http://127.0.0.1:" + dashboard.port());
    }

    @AfterEach
    void stop() {
        engine.release.countDown();
        dashboard.close();
    }

    @Test
    void aLocalChainIsShownFromItsFilesAndTheEngineIsNeverAsked() throws Exception {
        String page = Http.get(base.resolve("/")).body();
        Http.get(base.resolve("/chains/nightly"));
        Http.get(base.resolve("/api/chains"));

        assertThat(page).contains("<span class=\"round-now\">1</span>").doesNotContain("on temporal");
        assertThat(engine.asked).as("questions to the engine").hasValue(0);
    }

    @Test
    void aMarkedChainShowsTheEnginesStatusRoundLinkRunningWorkerAndWaiting() throws Exception {
        board.engine = "temporal";

        String list = Http.get(base.resolve("/")).body();
        String page = Http.get(base.resolve("/chains/nightly")).body();
        var api = Json.parse(Http.get(base.resolve("/api/chains")).body()).get(0);

        assertThat(list).contains("<span class=\"round-now\">3</span>").contains("on temporal");
        assertThat(page)
                .contains("<span class=\"round-now\">3</span>")
                .contains("workflow marble-chain/abc/nightly, running, on worker marble@w2, 7 links run")
                .contains("<span id=\"link-running\">reviewer</span>")
                .contains("<span id=\"waiting\">the worker marble@w1 is gone &lt;since 12:00&gt;</span>");
        assertThat(api.path("round").asInt()).isEqualTo(3);
        assertThat(api.path("engine").path("worker").asString()).isEqualTo("marble@w2");
        assertThat(api.path("engine").path("link_running").asString()).isEqualTo("reviewer");
        assertThat(api.path("engine").path("note").isNull()).isTrue();
    }

    @Test
    void whenTheServerIsDownTheFilesAreShownWithANoteSayingSo() throws Exception {
        board.engine = "temporal";
        engine.down = true;

        String list = Http.get(base.resolve("/")).body();
        String page = Http.get(base.resolve("/chains/nightly")).body();
        var api = Json.parse(Http.get(base.resolve("/api/chains")).body()).get(0);

        assertThat(list)
                .contains("<span class=\"round-now\">1</span>")
                .contains("engine-note")
                .contains("⚠");
        assertThat(page)
                .contains("<span class=\"round-now\">1</span>")
                .contains("cannot ask temporal: the server 127.0.0.1:7233 does not answer; shown from the state files");
        assertThat(api.path("round").asInt()).isEqualTo(1);
        assertThat(api.path("engine").path("note").asString()).contains("does not answer");
    }

    @Test
    void anEngineThatDoesNotAnswerInTimeDoesNotHoldThePage() throws Exception {
        board.engine = "temporal";
        engine.hang = true;

        String page = Http.get(base.resolve("/chains/nightly")).body();

        assertThat(page)
                .contains("<span class=\"round-now\">1</span>")
                .contains("the temporal server did not answer within 2.0 s; shown from the state files");
    }

    /** An engine in this JVM: answers with a fixed view, or refuses as an unreachable server, or hangs. */
    private static final class InProcessEngine implements EngineChains {
        final AtomicInteger asked = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean down;
        volatile boolean hang;

        @Override
        public Optional<EngineView> view(String chain) throws Unreachable {
            asked.incrementAndGet();
            if (down) throw new Unreachable("the server 127.0.0.1:7233 does not answer");
            if (hang) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Optional.of(new EngineView(
                    "marble-chain/abc/" + chain,
                    true,
                    "RUNNING",
                    3,
                    "reviewer",
                    "marble@w2",
                    "the worker marble@w1 is gone <since 12:00>",
                    7));
        }
    }
}
