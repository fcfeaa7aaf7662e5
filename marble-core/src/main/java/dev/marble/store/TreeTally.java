package dev.marble.store;

import dev.marble.event.Event;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The journal writer's view of the tree of runs this process started: which run is whose child (a delegated run's
 * parent, a chain link's chain run) and the totals of the calls below each run, added as each call lands. Only the
 * journal's writer thread touches it.
 */
final class TreeTally {

    /** A parent chain deeper than this can only be a loop of ids, which Marble does not make. */
    private static final int MAX_DEPTH = 64;

    private final Map<String, String> parentOf = new HashMap<>();
    private final Map<String, RunTotals> totals = new HashMap<>();
    private final Map<String, String> chainNames = new HashMap<>();
    /** The agent run of each link in flight, by {@link #key}. */
    private final Map<String, String> linkRuns = new HashMap<>();

    private final Set<String> linkRunIds = new HashSet<>();

    /** Notes a run's start; returns its parent: the run that delegated to it, or the chain run of a link. */
    String started(Event.RunStarted run) {
        String parent = run.parentRunId() != null ? run.parentRunId() : parentOf.get(run.runId());
        if (parent != null) parentOf.put(run.runId(), parent);
        if ("chain".equals(run.kind())) chainNames.put(run.runId(), run.agent());
        totals.putIfAbsent(run.runId(), new RunTotals());
        return parent;
    }

    /** Adds a call to its run and every run above it. */
    CallRecord called(CallRecord call) {
        String id = call.runId();
        for (int depth = 0; id != null && depth < MAX_DEPTH; depth++) {
            RunTotals below = totals.get(id);
            if (below != null) below.add(call);
            id = parentOf.get(id);
        }
        return call;
    }

    LinkLog.Start linkStarted(Event.LinkStarted link) {
        if (link.linkRunId() != null) {
            parentOf.put(link.linkRunId(), link.runId());
            linkRunIds.add(link.linkRunId());
            linkRuns.put(key(link.runId(), link.round(), link.link()), link.linkRunId());
            totals.putIfAbsent(link.linkRunId(), new RunTotals());
        }
        return new LinkLog.Start(
                link.runId(),
                chainNames.getOrDefault(link.runId(), ""),
                link.round(),
                link.link(),
                link.name(),
                link.role(),
                link.model() == null ? null : link.model().toString(),
                link.linkRunId(),
                link.resumed(),
                link.at().toString());
    }

    LinkLog.Finish linkFinished(Event.LinkFinished link, String redactedDetail) {
        String runId = linkRuns.remove(key(link.runId(), link.round(), link.link()));
        Totals below = Totals.ZERO;
        if (runId != null) {
            RunTotals counted = totals.remove(runId);
            if (counted != null) below = counted.snapshot();
            linkRunIds.remove(runId);
        }
        var unstarted = new LinkLog.Start(
                link.runId(),
                chainNames.getOrDefault(link.runId(), ""),
                link.round(),
                link.link(),
                link.name(),
                null,
                null,
                null,
                false,
                link.at().minus(link.elapsed()).toString());
        return new LinkLog.Finish(
                unstarted,
                link.runId(),
                link.round(),
                link.link(),
                link.at().toString(),
                link.outcome().wireName(),
                redactedDetail,
                link.elapsed().toMillis(),
                below);
    }

    /** The totals of a run that ended; null when this process did not see it start. */
    Totals finished(String runId) {
        RunTotals counted = linkRunIds.contains(runId) ? totals.get(runId) : totals.remove(runId);
        if (counted == null) return null;
        chainNames.remove(runId);
        return counted.snapshot();
    }

    private static String key(String chainRunId, int round, int link) {
        return chainRunId + "/" + round + "/" + link;
    }
}
