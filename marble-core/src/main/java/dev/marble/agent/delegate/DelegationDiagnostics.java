package dev.marble.agent.delegate;

import dev.marble.agent.RunEnding;
import dev.marble.config.Environment;
import dev.marble.event.Event;
import dev.marble.event.EventSink;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * LLMProc's {@code LLMPROC_DEBUG=true}: one line per delegated run as it starts (who spawned whom, through which
 * tool, with how long a prompt, on which model) and as it ends (how, after how many turns and how long, how long an
 * answer), and one per failed delegating call (an unknown program, the depth limit). Prompts and answers are
 * measured, never printed; the lines go through Marble's warnings, which redact them.
 */
public final class DelegationDiagnostics implements EventSink {

    /** The variable LLMProc's users set. */
    public static final String VARIABLE = "LLMPROC_DEBUG";

    static final String PREFIX = "LLMPROC_DEBUG: ";

    private final Consumer<String> out;
    /** Every run's agent by run id, so a child can name its parent; a delegated run's id until it ends. */
    private final Map<String, String> agents = new ConcurrentHashMap<>();

    private final Map<String, String> children = new ConcurrentHashMap<>();

    public DelegationDiagnostics(Consumer<String> out) {
        this.out = out;
    }

    /** Whether the environment asks for these lines: {@code LLMPROC_DEBUG} is {@code true} or {@code 1}. */
    public static boolean wanted(Environment environment) {
        return environment
                .get(VARIABLE)
                .map(value -> value.strip().toLowerCase(Locale.ROOT))
                .filter(value -> value.equals("true") || value.equals("1"))
                .isPresent();
    }

    @Override
    public void accept(Event event) {
        switch (event) {
            case Event.RunStarted started -> started(started);
            case Event.RunFinished finished -> finished(finished);
            case Event.ToolReturned returned
            when returned.isError()
                    && (returned.tool().equals(SpawnTool.NAME)
                            || returned.tool().equals("fork")) ->
                out.accept(PREFIX + returned.tool() + " from " + agent(returned.runId()) + " failed: "
                        + firstLine(returned.content()));
            default -> {}
        }
    }

    private void started(Event.RunStarted started) {
        agents.put(started.runId(), started.agent());
        if (started.parentRunId() == null) return;
        children.put(started.runId(), started.agent());
        int size = started.goal() == null ? 0 : started.goal().length();
        out.accept(PREFIX + started.kind() + ": " + agent(started.parentRunId()) + " → " + started.agent() + " (run "
                + started.runId() + ", prompt " + size + " chars, model " + started.model() + ")");
    }

    private void finished(Event.RunFinished finished) {
        String child = children.remove(finished.runId());
        agents.remove(finished.runId());
        if (child == null) return;
        int size = finished.answer() == null ? 0 : finished.answer().length();
        String how = finished.ending().wireName();
        // What went wrong is worth a line; an ordinary answer's detail only says it answered.
        boolean asIntended = finished.ending() instanceof RunEnding ending && ending.finished();
        String detail =
                asIntended || finished.detail() == null || finished.detail().isBlank()
                        ? ""
                        : ": " + firstLine(finished.detail());
        out.accept(PREFIX + child + " (run " + finished.runId() + ") " + how + detail + " after " + finished.turns()
                + (finished.turns() == 1 ? " turn" : " turns") + " in "
                + finished.elapsed().toMillis()
                + " ms, answer " + size + " chars");
    }

    private String agent(String runId) {
        return agents.getOrDefault(runId, "run " + runId);
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
