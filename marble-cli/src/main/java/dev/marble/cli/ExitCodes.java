package dev.marble.cli;

import dev.marble.error.ConfigException;
import dev.marble.error.ModelCallFailedException;
import dev.marble.error.ModelException;
import dev.marble.error.NoModelException;
import dev.marble.error.UsageException;

/**
 * Every exit status the marble command uses, and the one place that maps an exception to one.
 * Documented in README.md ("Exit codes"); scripts depend on them, so they do not change.
 */
public final class ExitCodes {

    public static final int OK = 0;
    /** The model call (or the run) failed: every attempt at every model. */
    public static final int MODEL_FAILED = 1;
    /** The command line or an input it names is wrong: a bad flag, a blank prompt, a missing file. */
    public static final int USAGE = 2;
    /** A configuration or definition file is malformed, or an MCP server it names cannot start. */
    public static final int CONFIG = 3;
    /** No model was named and none could be chosen on this machine. */
    public static final int NO_MODEL = 4;
    /** An agent run was stopped by a limit before it finished: turns, tokens, dollars or time. */
    public static final int LIMIT = 6;
    /** The chain is already running in another process (its lock is held); start and reset refuse. */
    public static final int BUSY = 7;
    /** Marble itself failed: a bug. The message asks for --debug. */
    public static final int INTERNAL = 70;
    /** Stopped by Ctrl+C (128 + SIGINT, as shells report it). */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {}

    /** How an agent run's ending reads to a script. */
    public static int of(dev.marble.agent.RunEnding ending) {
        return switch (ending) {
            case ANSWERED, COMPLETED, STOPPED -> OK;
            case MODEL_FAILED -> MODEL_FAILED;
            case INTERRUPTED -> INTERRUPTED;
            case MAX_TURNS, TOKEN_BUDGET, COST_BUDGET, TIMEOUT -> LIMIT;
        };
    }

    public static int of(Throwable failure) {
        return switch (failure) {
            case UsageException e -> USAGE;
            case dev.marble.chain.ChainFileException e -> USAGE;
            case dev.marble.chain.state.ChainBusyException e -> BUSY;
            case ConfigException e -> CONFIG;
            case dev.marble.mcp.McpServerException e -> CONFIG;
            case NoModelException e -> NO_MODEL;
            case ModelCallFailedException e -> e.lastFailure().kind() == ModelException.Kind.INTERRUPTED ? INTERRUPTED : MODEL_FAILED;
            case ModelException e -> e.kind() == ModelException.Kind.INTERRUPTED ? INTERRUPTED : MODEL_FAILED;
            case dev.marble.error.MarbleException e -> MODEL_FAILED;
            default -> INTERNAL;
        };
    }
}
