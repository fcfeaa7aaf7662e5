package dev.marble.cli;

import dev.marble.chain.ChainSpec;
import dev.marble.chain.state.ChainLock;
import dev.marble.chain.state.ChainStatus;
import dev.marble.chain.state.Handoff;
import dev.marble.chain.state.Progress;
import dev.marble.chain.state.ProgressFile;
import dev.marble.chain.state.StateDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code marble chain status} knows about one chain, read once from its state folder and its chain file, so that
 * the text and the {@code --json} output state the same facts: whether it runs or crashed, the round under way, the
 * real runtime, the link that last ran, and why it last stopped.
 */
final class ChainStatusView {

    /** What {@code ChainRun} appends to the last stop when failures stopped the chain. */
    private static final String LAST_ERROR = "; last error: ";

    private final StateDir state;
    private final ChainSpec spec;
    private final Progress progress;
    private final Optional<Long> pid;
    private final boolean onTemporal;

    /** @param spec the chain's definition, null when its file is missing or does not load */
    ChainStatusView(StateDir state, ChainSpec spec) {
        this.state = state;
        this.spec = spec;
        this.progress = state.exists() ? new ProgressFile(state).read() : null;
        this.pid = state.exists() ? ChainProcess.runningPid(state) : Optional.empty();
        this.onTemporal =
                state.exists() && TemporalChainMarker.workflowId(state).isPresent();
    }

    /** Last started on Temporal: no process here holds it between links, and its liveness is the workflow's. */
    boolean onTemporal() {
        return onTemporal;
    }

    String name() {
        return state.chain();
    }

    StateDir state() {
        return state;
    }

    /** Null when the chain file is missing or broken. */
    ChainSpec spec() {
        return spec;
    }

    boolean started() {
        return state.exists();
    }

    /** Null before the first start. */
    Progress progress() {
        return progress;
    }

    Optional<Long> pid() {
        return pid;
    }

    /** The state says RUNNING and no process holds the chain: it was killed, or its machine went down. */
    boolean crashed() {
        return started() && !onTemporal && pid.isEmpty() && state.knownStatus().orElse(null) == ChainStatus.RUNNING;
    }

    /** The pid the lock file names when the chain crashed (the process that is gone); empty otherwise. */
    OptionalLong crashedPid() {
        return crashed() ? ChainLock.recordedPid(state) : OptionalLong.empty();
    }

    /**
     * While a round is under way (running, crashed, or stopped between links) it counts: round 1 is 1 from its first
     * link on, not the number of rounds completed.
     */
    boolean roundUnderWay() {
        return progress != null
                && (pid.isPresent() || crashed() || progress.inFlight() != null || progress.nextLink() > 0);
    }

    /** The round under way, else the rounds completed; 0 before the first start. */
    int round() {
        return progress == null ? 0 : progress.round() + (roundUnderWay() ? 1 : 0);
    }

    /** Where the next start goes on: the link in flight, else the next link, in the round under way. */
    String resumeLink() {
        if (progress.inFlight() != null) return progress.inFlight().linkName();
        if (spec != null && progress.nextLink() < spec.links().size())
            return spec.links().get(progress.nextLink()).name();
        return "#" + (progress.nextLink() + 1);
    }

    int resumeRound() {
        return progress.round() + 1;
    }

    /**
     * The time the chain has run, over all its starts. The cursor counts it up to its last write; a running chain
     * has run since then as well (or since it started, when it has not written the cursor yet).
     */
    long runtimeSeconds() {
        if (progress == null) return 0;
        long seconds = progress.activeSeconds();
        if (pid.isEmpty()) return seconds;
        Instant countedUpTo = state.startTime().orElse(null);
        Path cursor = new ProgressFile(state).file();
        try {
            if (Files.exists(cursor)) {
                Instant written = Files.getLastModifiedTime(cursor).toInstant();
                if (countedUpTo == null || written.isAfter(countedUpTo)) countedUpTo = written;
            }
        } catch (IOException e) {
            // the start time alone is a fair estimate
        }
        if (countedUpTo != null)
            seconds += Math.max(0, Duration.between(countedUpTo, Instant.now()).toSeconds());
        return seconds;
    }

    Optional<String> lastLink() {
        return state.lastLinkRun();
    }

    Optional<String> task() {
        return started() ? Handoff.last(state.handoff(), "## Task:", "## Aufgabe:") : Optional.empty();
    }

    Optional<String> taskStatus() {
        return started() ? Handoff.last(state.handoff(), "## Status:", "## Urteil:", "## Verdict:") : Optional.empty();
    }

    Optional<String> stopRequested() {
        return started() ? state.stopRequest() : Optional.empty();
    }

    /** Why it last stopped, as the state says; the caller redacts it (the last error can quote a provider's reply). */
    Optional<String> lastStop() {
        return started() ? state.lastShutdown() : Optional.empty();
    }

    /** The error of the link that failed last, when failures stopped the chain. */
    Optional<String> lastError() {
        return lastStop()
                .filter(stop -> stop.contains(LAST_ERROR))
                .map(stop -> stop.substring(stop.indexOf(LAST_ERROR) + LAST_ERROR.length()));
    }
}
