package dev.marble.agent;

import dev.marble.event.Event;
import java.util.Locale;

/** Why a run ended. Every result names one; the command line prints it and the journal keeps it. */
public enum RunEnding implements Event.RunFinished.Ending {
    /** The model answered without calling a tool, and nobody asked it to go on. */
    ANSWERED,
    /** The model wrote the completion marker (TASK_COMPLETE). */
    COMPLETED,
    MAX_TURNS,
    TOKEN_BUDGET,
    COST_BUDGET,
    TIMEOUT,
    /** Ctrl+C. The conversation so far is kept. */
    INTERRUPTED,
    /** A person said stop (typed "exit" at the next-instruction prompt). Not an error. */
    STOPPED,
    /** Every attempt at every model failed. */
    MODEL_FAILED,
    /** No model could be reached at all: each one lacks its API key or its program (the detail says which). */
    NO_MODEL;

    /** The word the journal, --json and the command line show: the name in lower case. */
    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the run ended as intended, rather than cut short by a limit or a failure. */
    public boolean finished() {
        return this == ANSWERED || this == COMPLETED || this == STOPPED;
    }
}
