package dev.marble.chain.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.Marble;
import dev.marble.agent.RunServices;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.PromptResolver;
import dev.marble.chain.notify.Notifications;
import dev.marble.chain.notify.TelegramConfig;
import dev.marble.chain.state.ChainStatus;
import dev.marble.chain.state.Shutdown;
import dev.marble.chain.state.StateDir;
import dev.marble.config.Environment;
import dev.marble.event.Event;
import dev.marble.format.chain.ChainLoader;
import dev.marble.tool.ToolRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver performing the step's decisions on real files, with a scripted model: a condition added in code is
 * honoured as llmauto's are, and the clock and ids are the services' own.
 */
class ChainRunTest {

    @TempDir
    Path project;

    final List<Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void replies() throws IOException {
        Files.writeString(project.resolve("r.yaml"), "- text: one\n- text: two\n- text: three\n- text: four\n");
        Files.createDirectories(project.resolve("chains"));
    }

    private ChainRun.Result start(
            String chainJson, UnaryOperator<ChainStep> decisions, UnaryOperator<RunServices> services)
            throws IOException {
        Files.writeString(project.resolve("chains/c.json"), chainJson);
        try (Marble marble = Marble.start(new Environment(Map.of(), project, project), warning -> {})) {
            marble.events().subscribe(events::add);
            ChainSpec chain = ChainLoader.load(project.resolve("chains/c.json"), List.of(), project)
                    .spec();
            PromptResolver prompts = new PromptResolver(project);
            ChainLog log = new ChainLog(
                    project.resolve("logs"), chain.name(), null, Clock.systemDefaultZone(), marble.redactor());
            ChainParts parts = new ChainParts(
                    decisions.apply(ChainStep.of(chain)),
                    prompts,
                    ChainConfiguration.of(chain, prompts, project, List.of()),
                    new LinkRunner(marble, link -> ToolRegistry.of(List.of())),
                    new ChainPlace(project, StateDir.of(project.resolve("state"), chain.name()), log));
            return new ChainRun(
                            services.apply(marble.services()),
                            parts,
                            new Notifications(List.of(), line -> {}),
                            TelegramConfig.disabled())
                    .start();
        }
    }

    @Test
    void aConditionAddedInCodeStopsTheChainAsLlmautosDo() throws IOException {
        ChainRun.Result result = start(
                """
                {"max_rounds": 5, "defaults": {"model": "scripted:r.yaml"},
                 "links": [{"name": "w", "prompt": "Do the work."}, {"name": "r", "prompt": "Review the work."}]}
                """,
                step -> step.withCondition(state -> state.progress().round() >= 1
                        ? Optional.of(new Shutdown(Shutdown.Reason.CUSTOM, "ENOUGH: one round will do"))
                        : Optional.empty()),
                services -> services);

        assertThat(result.status()).isEqualTo(ChainStatus.STOPPED);
        assertThat(result.shutdown()).isEqualTo(Shutdown.Reason.CUSTOM);
        assertThat(result.reason()).isEqualTo("ENOUGH: one round will do");
        assertThat(result.rounds()).isEqualTo(1);
        StateDir state = StateDir.of(project.resolve("state"), "c");
        assertThat(state.status()).isEqualTo("STOPPED");
        assertThat(state.lastShutdown()).contains("ENOUGH: one round will do");
        assertThat(Files.readString(ChainLog.file(project.resolve("logs"), "c")))
                .contains("ROUND 1 COMPLETE", "SHUTDOWN: ENOUGH: one round will do");
        assertThat(events)
                .filteredOn(Event.RunFinished.class::isInstance)
                .map(Event.RunFinished.class::cast)
                .last()
                .as("the chain's own, after its links'")
                .satisfies(finished -> assertThat(finished.ending().wireName()).isEqualTo("custom"));
    }

    @Test
    void theRunIdAndTheClockAreTheServicesOwn() throws IOException {
        // The chain's last day is long past by the system clock; by the clock passed in, it has not come yet.
        Clock beforeTheDeadline = Clock.fixed(Instant.parse("2019-12-31T12:00:00Z"), ZoneOffset.UTC);
        AtomicInteger ids = new AtomicInteger();
        ChainRun.Result result = start(
                """
                {"max_rounds": 1, "deadline": "2020-01-01", "defaults": {"model": "scripted:r.yaml"},
                 "links": [{"name": "w", "prompt": "Do the work."}]}
                """,
                step -> step,
                services -> services.withClock(beforeTheDeadline).withIds(() -> "chain-id-" + ids.incrementAndGet()));

        assertThat(result.shutdown()).isEqualTo(Shutdown.Reason.MAX_ROUNDS);
        assertThat(events)
                .filteredOn(Event.RunStarted.class::isInstance)
                .first()
                .satisfies(started -> assertThat(started.runId()).isEqualTo("chain-id-1"));
        assertThat(events)
                .filteredOn(event -> event instanceof Event.LinkFinished || event instanceof Event.ChainNote)
                .isNotEmpty()
                .allSatisfy(event -> {
                    assertThat(event.runId()).isEqualTo("chain-id-1");
                    assertThat(event.at()).isEqualTo(beforeTheDeadline.instant());
                });
        assertThat(StateDir.of(project.resolve("state"), "c").startTime()).contains(beforeTheDeadline.instant());
    }
}
