package dev.marble.chain.state;

import dev.marble.agent.Condition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * A reason for a chain to stop, checked before every link: the chain's {@link Condition}, the same kind as an
 * agent run's stop condition. A chain checks a list in order and the first that holds ends it ({@link
 * ShutdownCheck#conditions}
 * lists llmauto's); a user adds one as a lambda, e.g. a chain that stops on a word in the handoff:
 * <pre>{@code
 * ShutdownCondition paused = state -> state.handoff().contains("PAUSE")
 *         ? Optional.of(new Shutdown(Shutdown.Reason.CUSTOM, "PAUSED: the handoff asks for a pause"))
 *         : Optional.empty();
 * }</pre>
 * A condition is a pure function of the {@link ChainState} it is given: no clock, no files, so any driver gets the
 * same answer from the same state.
 *
 * <p>The limits follow llmauto's convention: 0 (or null) is no limit, and such a condition never holds. The lines
 * are llmauto's words ({@code MAX_ROUNDS: 5/5}), which logs and scripts grep.
 */
@FunctionalInterface
public interface ShutdownCondition extends Condition<ChainState, Shutdown> {

    /** The shutdown, when this condition holds. */
    @Override
    Optional<Shutdown> check(ChainState state);

    /** A {@code STOP} file: {@code marble chain stop} or a person asked. */
    static ShutdownCondition stopFile() {
        return state -> state.stopRequest()
                .map(ShutdownCondition::oneLine)
                .map(reason -> new Shutdown(
                        Shutdown.Reason.MANUAL_STOP, reason.isEmpty() ? "MANUAL_STOP" : "MANUAL_STOP: " + reason));
    }

    /** An agent wrote ALL_DONE into {@code status.txt}. */
    static ShutdownCondition allDone() {
        return state -> state.status()
                .filter(status -> status == ChainStatus.ALL_DONE)
                .map(status -> new Shutdown(Shutdown.Reason.ALL_TASKS_DONE, "ALL_TASKS_DONE"));
    }

    /** STOPPED in {@code status.txt}: the runner writes RUNNING when it starts, so an agent wrote it. */
    static ShutdownCondition stoppedByAgent() {
        return state -> state.status()
                .filter(status -> status == ChainStatus.STOPPED)
                .map(status ->
                        new Shutdown(Shutdown.Reason.STOPPED_BY_AGENT, "STOPPED_BY_AGENT: status.txt says STOPPED"));
    }

    /** The day after {@code lastDay}; null: no deadline. */
    static ShutdownCondition deadline(LocalDate lastDay) {
        return state -> lastDay != null && state.today().isAfter(lastDay)
                ? found(Shutdown.Reason.DEADLINE_REACHED, "DEADLINE_REACHED: " + lastDay)
                : Optional.empty();
    }

    /** {@code hours} of running, over every start since the last reset (llmauto's reset each start: defect 9). */
    static ShutdownCondition runtime(double hours) {
        return state -> {
            if (hours <= 0) return Optional.empty();
            double ran = state.runtimeHours();
            return ran >= hours
                    ? found(
                            Shutdown.Reason.RUNTIME_EXCEEDED,
                            String.format(Locale.ROOT, "RUNTIME_EXCEEDED: %.1fh / %sh", ran, number(hours)))
                    : Optional.empty();
        };
    }

    /** {@code max} rounds completed. */
    static ShutdownCondition maxRounds(int max) {
        return state -> max > 0 && state.progress().round() >= max
                ? found(
                        Shutdown.Reason.MAX_ROUNDS,
                        "MAX_ROUNDS: " + state.progress().round() + "/" + max)
                : Optional.empty();
    }

    /** {@code max} trailing BLOCKED lines in the handoff, counted as llmauto did ({@link Handoff#trailingBlocked}). */
    static ShutdownCondition maxBlocks(int max) {
        return state -> {
            if (max <= 0) return Optional.empty();
            int blocked = Handoff.trailingBlocked(state.handoff());
            return blocked >= max ? found(Shutdown.Reason.MAX_BLOCKS, "MAX_BLOCKS: " + blocked) : Optional.empty();
        };
    }

    /** {@code max} links failed in a row (skipped links neither add nor reset). */
    static ShutdownCondition maxFailures(int max) {
        return state -> max > 0 && state.progress().consecutiveFailures() >= max
                ? found(
                        Shutdown.Reason.MAX_FAILURES,
                        "MAX_FAILURES: " + state.progress().consecutiveFailures() + "/" + max)
                : Optional.empty();
    }

    /** {@code usd} spent since the last reset; null or 0: no budget. */
    static ShutdownCondition budget(BigDecimal usd) {
        return state ->
                usd != null && usd.signum() > 0 && state.progress().costUsd().compareTo(usd) >= 0
                        ? found(
                                Shutdown.Reason.BUDGET_EXCEEDED,
                                "BUDGET_EXCEEDED: $" + dollars(state.progress().costUsd()) + " / $" + dollars(usd))
                        : Optional.empty();
    }

    private static Optional<Shutdown> found(Shutdown.Reason reason, String text) {
        return Optional.of(new Shutdown(reason, text));
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** {@code 2} for 2.0 and {@code 2.5} for 2.5, as the number stood in the chain file. */
    private static String number(double value) {
        boolean whole = value == Math.rint(value) && Math.abs(value) < 1e15;
        return whole ? Long.toString((long) value) : Double.toString(value);
    }

    /** At least cents, and every digit a small cost has: $0.0042 rather than $0.00. */
    private static String dollars(BigDecimal value) {
        int digits = Math.min(6, Math.max(2, value.stripTrailingZeros().scale()));
        return value.setScale(digits, RoundingMode.HALF_UP).toPlainString();
    }
}
