package dev.marble.chain.state;

import dev.marble.event.Event;
import java.util.Locale;

/**
 * Why a chain stops, and the line that says so ({@code MAX_ROUNDS: 5/5}), worded as llmauto's
 * so that logs and scripts that grep them keep working.
 */
public record Shutdown(Reason reason, String text) {

    /** In the order {@link ShutdownCheck} tests them; then {@link #CUSTOM}, a condition added in code. */
    public enum Reason implements Event.RunFinished.Ending {
        MANUAL_STOP,
        ALL_TASKS_DONE,
        STOPPED_BY_AGENT,
        DEADLINE_REACHED,
        RUNTIME_EXCEEDED,
        MAX_ROUNDS,
        MAX_BLOCKS,
        MAX_FAILURES,
        BUDGET_EXCEEDED,
        /** A {@link ShutdownCondition} a user added; its line says what it is. */
        CUSTOM;

        /** How a chain's run_finished names it in the journal and --json: the name in lower case. */
        @Override
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The status the chain ends with: ALL_DONE stays ALL_DONE (llmauto turned it into STOPPED: defect 5). */
    public ChainStatus finalStatus() {
        return reason == Reason.ALL_TASKS_DONE ? ChainStatus.ALL_DONE : ChainStatus.STOPPED;
    }
}
