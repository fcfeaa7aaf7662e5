package dev.marble.cli;

import dev.marble.error.UsageException;
import picocli.CommandLine.Option;

/**
 * {@code -q} and {@code -v}/{@code -vv}, mixed into every command that prints progress, so they mean the same
 * everywhere: {@code -q} the result alone, {@code -v} progress as well (tool calls, retries, the closing summary),
 * {@code -vv} everything (each turn, approvals, tool arguments and results in full). What a command shows without
 * either is its own default: {@code marble run} shows only the answer, as llm-do does; {@code marble loop} and
 * {@code marble chain start} show progress, as llm-loop and llmauto do. Progress goes to standard error; the
 * result to standard output.
 */
final class Verbosity {

    /** How much a command shows beside its result; each level includes the one before. */
    enum Detail {
        /** The result, and errors. */
        RESULT,
        /** And one line per tool call, denial, tool error and retry, and a closing summary. */
        PROGRESS,
        /** And every turn, approval and tool result, and tool arguments unshortened. */
        FULL;

        boolean atLeast(Detail other) {
            return compareTo(other) >= 0;
        }
    }

    @Option(
            names = {"-q", "--quiet"},
            description = "Show only the result and errors: no progress on standard error.")
    boolean quiet;

    @Option(
            names = "-v",
            description = "-v: progress (tool calls, retries, a summary) on standard error; -vv: everything, in full.")
    boolean[] verbose = new boolean[0];

    /** The level asked for, else {@code byDefault}. */
    Detail detail(Detail byDefault) {
        if (quiet && verbose.length > 0) throw new UsageException("-q and -v contradict each other; give one");
        if (quiet) return Detail.RESULT;
        return switch (verbose.length) {
            case 0 -> byDefault;
            case 1 -> Detail.PROGRESS;
            default -> Detail.FULL;
        };
    }
}
