package dev.marble.cli;

import static dev.marble.cli.TuiEvents.callFinished;
import static dev.marble.cli.TuiEvents.called;
import static dev.marble.cli.TuiEvents.denied;
import static dev.marble.cli.TuiEvents.finished;
import static dev.marble.cli.TuiEvents.returned;
import static dev.marble.cli.TuiEvents.started;
import static dev.marble.cli.TuiEvents.text;
import static dev.marble.cli.TuiEvents.turn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.agent.RunEnding;
import dev.marble.secret.SecretRedactor;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TuiListenerTest {

    private static final String KEY = "sk-ant-api03-TUISECRETKEY0123456789abcdef";

    private final TuiPanes panes = new TuiPanes("main");
    private final AtomicInteger redraws = new AtomicInteger();
    private final TuiListener listener = new TuiListener(
            panes, SecretRedactor.fromEnvironment(Map.of("ANTHROPIC_API_KEY", KEY)), redraws::incrementAndGet);

    @Test
    void aRunWithAToolCallFillsBothPanesAndTheStatus() {
        listener.accept(started("r1", "main", null));
        listener.accept(turn("r1", 1));
        listener.accept(text("r1", "Let me "));
        listener.accept(text("r1", "look."));
        listener.accept(called("r1", "t1", "shell", "{\"command\":\"ls\"}"));
        listener.accept(callFinished("r1", 1000, 50, "0.002"));
        listener.accept(returned("r1", "t1", "shell", "a.txt", false));
        listener.accept(turn("r1", 2));
        listener.accept(text("r1", "There is a.txt."));
        listener.accept(callFinished("r1", 1200, 30, "0.003"));
        listener.accept(finished("r1", RunEnding.ANSWERED, "0.005"));

        assertThat(listener.wantsTextDeltas()).isTrue();
        assertThat(panes.answer()).isEqualTo("Let me look.\nThere is a.txt.");
        assertThat(panes.toolEntries()).containsExactly("▸ shell {\"command\":\"ls\"}", "✓ shell: a.txt");
        String status = panes.render(120, 10).get(8).text();
        assertThat(status)
                .startsWith(" main · answered · anthropic:claude-sonnet-4-5 · turn 2 · 2,200 in · 80 out · $0.005 ");
        assertThat(redraws.get()).isEqualTo(11);
    }

    @Test
    void theCostSoFarShowsWhileTheRunGoesOn() {
        listener.accept(started("r1", "main", null));
        listener.accept(callFinished("r1", 10, 5, "0.25"));
        listener.accept(callFinished("r1", 10, 5, "0.50"));
        assertThat(panes.render(120, 10).get(8).text()).contains("· $0.75");
    }

    @Test
    void aDelegatedRunsTextIsNotTheAnswerButItsToolsShow() {
        listener.accept(started("r1", "main", null));
        listener.accept(called("r1", "t1", "helper", "{\"input\":\"sum up\"}"));
        listener.accept(started("r2", "helper", "r1"));
        listener.accept(text("r2", "the helper's own words"));
        listener.accept(called("r2", "t2", "read_file", "{\"path\":\"a.md\"}"));
        listener.accept(returned("r2", "t2", "read_file", "notes", false));
        listener.accept(returned("r1", "t1", "helper", "summary", false));
        listener.accept(text("r1", "Done."));

        assertThat(panes.answer()).isEqualTo("Done.");
        assertThat(panes.toolEntries())
                .containsExactly(
                        "▸ helper {\"input\":\"sum up\"}",
                        "↳ helper (delegated)",
                        "▸ read_file {\"path\":\"a.md\"}",
                        "✓ read_file: notes",
                        "✓ helper: summary");
    }

    @Test
    void aDenialShowsOnceWithItsReason() {
        listener.accept(started("r1", "main", null));
        listener.accept(called("r1", "t1", "shell", "{\"command\":\"rm -rf x\"}"));
        listener.accept(denied("r1", "t1", "shell", "the user said no: not that folder"));
        listener.accept(returned("r1", "t1", "shell", "denied: the user said no: not that folder", true));

        assertThat(panes.toolEntries())
                .containsExactly(
                        "▸ shell {\"command\":\"rm -rf x\"}", "denied shell: the user said no: not that folder");
    }

    @Test
    void aFailedToolShowsAsAnError() {
        listener.accept(returned("r1", "t1", "shell", "exit 2", true));
        assertThat(panes.toolEntries()).containsExactly("✗ shell: exit 2");
        assertThat(panes.render(80, 10).get(6).style()).isEqualTo(TuiLine.Style.ERROR);
    }

    @Test
    void secretsAreRedactedInBothPanes() {
        listener.accept(started("r1", "main", null));
        listener.accept(text("r1", "the key is " + KEY));
        listener.accept(called("r1", "t1", "shell", "{\"command\":\"echo " + KEY + "\"}"));
        listener.accept(returned("r1", "t1", "shell", KEY, false));

        assertThat(panes.answer()).doesNotContain(KEY);
        assertThat(String.join("\n", panes.toolEntries())).doesNotContain(KEY);
    }
}
