package dev.marble.cli;

import dev.marble.agent.RunEnding;
import dev.marble.api.EngineUnavailableException;
import dev.marble.chain.state.ChainBusyException;
import dev.marble.error.ConfigException;
import dev.marble.error.MarbleException;
import dev.marble.error.ModelCallFailedException;
import dev.marble.error.ModelException;
import dev.marble.error.NoModelException;
import dev.marble.error.UsageException;
import dev.marble.mcp.McpServerException;

/**
 * Maps what happened (an exception, how an agent run ended) to its {@link ExitCode}, the same way for every
 * command. The int constants are shorthands for the commands' {@code return}s; the numbers live in {@link ExitCode}.
 */
public final class ExitCodes {

    public static final int OK = ExitCode.OK.code();
    public static final int MODEL_FAILED = ExitCode.MODEL_FAILED.code();
    public static final int USAGE = ExitCode.USAGE.code();
    /** A malformed definition or configuration file. */
    public static final int CONFIG = ExitCode.MALFORMED.code();

    public static final int NO_MODEL = ExitCode.NO_MODEL.code();
    public static final int LIMIT = ExitCode.LIMIT.code();
    /** The chain is already running in another process (its lock is held); start and reset refuse. */
    public static final int BUSY = ExitCode.CHAIN_RUNNING.code();

    /** The durable engine (Temporal) cannot be reached or is not built. */
    public static final int ENGINE_UNAVAILABLE = ExitCode.ENGINE_UNAVAILABLE.code();

    public static final int INTERNAL = ExitCode.INTERNAL.code();
    public static final int INTERRUPTED = ExitCode.INTERRUPTED.code();

    private ExitCodes() {}

    /** How an agent run's ending reads to a script. */
    public static int of(RunEnding ending) {
        return switch (ending) {
            case ANSWERED, COMPLETED, STOPPED -> OK;
            case MODEL_FAILED -> MODEL_FAILED;
            case NO_MODEL -> NO_MODEL;
            case INTERRUPTED -> INTERRUPTED;
            case MAX_TURNS, TOKEN_BUDGET, COST_BUDGET, TIMEOUT -> LIMIT;
        };
    }

    public static int of(Throwable failure) {
        return switch (failure) {
            case UsageException e -> USAGE;
            case ChainBusyException e -> BUSY;
            // A chain file is a definition file like any other: malformed is 3 wherever it is read.
            case ConfigException e -> CONFIG;
            case McpServerException e -> CONFIG;
            case NoModelException e -> NO_MODEL;
            case ModelCallFailedException e ->
                e.lastFailure().kind() == ModelException.Kind.INTERRUPTED
                        ? INTERRUPTED
                        : e.noModelReachable() ? NO_MODEL : MODEL_FAILED;
            case ModelException e ->
                switch (e.kind()) {
                    case INTERRUPTED -> INTERRUPTED;
                    case UNAVAILABLE -> NO_MODEL;
                    default -> MODEL_FAILED;
                };
            case EngineUnavailableException e -> ENGINE_UNAVAILABLE;
            case MarbleException e -> MODEL_FAILED;
            default -> INTERNAL;
        };
    }
}
