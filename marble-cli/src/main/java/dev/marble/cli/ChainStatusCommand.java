package dev.marble.cli;

import dev.marble.chain.ChainLoader;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.state.ChainLock;
import dev.marble.chain.state.Handoff;
import dev.marble.chain.state.Progress;
import dev.marble.chain.state.ProgressFile;
import dev.marble.chain.state.StateDir;
import dev.marble.error.MarbleException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code marble chain status [NAME]}: llmauto's status view (round, runtime, limits, the handoff's task and status)
 * plus whether it runs and as which pid, or crashed, the link that last ran, why it last stopped, and the cost so
 * far. Reads only: asking about a chain creates nothing (llmauto created its state folder). A NAME that is not a
 * chain is a usage error; a chain file that does not load is one as it is for {@code start}.
 */
@Command(name = "status", description = {"Show a chain's state, or that of every chain with state.",
        "Round, runtime, limits, the last link and its task, whether it runs (or crashed), why it last stopped."},
        footer = {
                "  marble chain status",
                "  marble chain status nightly"})
final class ChainStatusCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(paramLabel = "NAME", arity = "0..1",
            description = "A chain in chains/ (NAME or NAME.json), or a path to a chain file (default: every chain with state).")
    String name;

    @Mixin
    ChainHomeOption home;

    ChainStatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ChainHome chainHome = home.resolve(context);
        if (name != null) {
            NamedChain chain = NamedChain.find(context, chainHome, name);
            ChainSpec spec = ChainLoader.load(chain.file(), List.of(), context.environment().home()).spec();
            show(chain.state(), spec, null, context.out());
            return ExitCodes.OK;
        }
        List<String> names = stateNames(chainHome);
        if (names.isEmpty()) {
            context.out().println("No chain has run here yet (no state in " + chainHome.stateRoot() + ").");
            return ExitCodes.OK;
        }
        for (String chain : names) {
            Path file = chainHome.root().resolve("chains").resolve(chain + ".json");
            ChainSpec spec = null;
            String problem = null;
            if (!Files.isRegularFile(file)) {
                problem = "no chain file chains/" + chain + ".json";
            } else {
                try {
                    spec = ChainLoader.load(file, List.of(), context.environment().home()).spec();
                } catch (MarbleException unreadable) {
                    problem = "the chain file does not load: " + context.redactor().redact(unreadable.getMessage());
                }
            }
            show(chainHome.state(chain), spec, problem, context.out());
        }
        return ExitCodes.OK;
    }

    private static List<String> stateNames(ChainHome home) {
        if (!Files.isDirectory(home.stateRoot())) return List.of();
        try (Stream<Path> dirs = Files.list(home.stateRoot())) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new MarbleException("cannot list " + home.stateRoot() + ": " + e.getMessage(), e);
        }
    }

    /** One chain's view; {@code spec} is null (and {@code problem} says why) when its file is missing or broken. */
    private void show(StateDir state, ChainSpec spec, String problem, PrintStream out) {
        out.println("=== " + state.chain() + " ===");
        if (problem != null) out.println("  Chain file: " + problem);
        if (!state.exists()) {
            out.println("  Status:  never started");
            return;
        }
        Progress progress = new ProgressFile(state).read();
        Optional<Long> pid = ChainProcess.runningPid(state);
        boolean crashed = pid.isEmpty() && "RUNNING".equals(state.status());
        out.println("  Status:  " + statusLine(state, spec, progress, pid, crashed));
        // While a round is under way (running, crashed, or stopped between links) its number is shown, not the
        // number of rounds completed: round 1 is 1 from its first link on.
        boolean midRound = pid.isPresent() || crashed || progress.inFlight() != null || progress.nextLink() > 0;
        int round = progress.round() + (midRound ? 1 : 0);
        out.println("  Round:   " + round + " / " + (spec == null ? "?" : spec.maxRounds() > 0 ? spec.maxRounds() : "unlimited")
                + (midRound && pid.isEmpty() && !crashed ? " (under way: the next start goes on with it)" : ""));
        double hours = runtimeSeconds(state, progress, pid.isPresent()) / 3600.0;
        out.println("  Runtime: " + String.format(Locale.ROOT, "%.1fh", hours) + " / "
                + (spec == null ? "?" : spec.runtimeHours() > 0 ? spec.runtimeHours() + "h max" : "no limit"));
        if (spec != null && spec.deadline() != null) out.println("  Deadline: " + spec.deadline());
        state.lastLinkRun().ifPresent(link -> out.println("  Last link: " + link));
        String handoff = state.handoff();
        Handoff.last(handoff, "## Task:", "## Aufgabe:").ifPresent(v -> out.println("  Task:    " + v));
        Handoff.last(handoff, "## Status:", "## Urteil:", "## Verdict:").ifPresent(v -> out.println("  Task status: " + v));
        if (progress.inFlight() != null) out.println("  In flight: " + progress.inFlight().linkName()
                + (pid.isEmpty() ? " (did not finish; the next start runs it again)" : ""));
        if (progress.consecutiveFailures() > 0) out.println("  Failures in a row: " + progress.consecutiveFailures());
        if (progress.costUsd().signum() > 0) out.println(String.format(Locale.ROOT, "  Cost:    $%.4f", progress.costUsd()));
        state.stopRequest().ifPresent(reason -> out.println("  !!! STOP requested: " + reason));
        state.lastShutdown().ifPresent(reason -> out.println("  Last stop: " + context.redactor().redact(reason)));
    }

    private static String statusLine(StateDir state, ChainSpec spec, Progress progress, Optional<Long> pid, boolean crashed) {
        if (pid.isPresent()) return state.status() + " (running, pid " + pid.get() + ")";
        if (!crashed) return state.status();
        OptionalLong recorded = ChainLock.recordedPid(state);
        String who = recorded.isPresent() ? "pid " + recorded.getAsLong() + " is gone" : "no process runs it";
        return "CRASHED: " + who + "; 'marble chain start " + state.chain() + "' resumes at " + resumePoint(spec, progress);
    }

    /** Where the next start goes on: the link in flight, else the next link, in the round under way. */
    private static String resumePoint(ChainSpec spec, Progress progress) {
        int round = progress.round() + 1;
        String link;
        if (progress.inFlight() != null) {
            link = progress.inFlight().linkName();
        } else if (spec != null && progress.nextLink() < spec.links().size()) {
            link = spec.links().get(progress.nextLink()).name();
        } else {
            link = "#" + (progress.nextLink() + 1);
        }
        return "link " + link + ", round " + round;
    }

    /**
     * The time the chain has run, over all its starts. The cursor counts it up to its last write; a running chain
     * has run since then as well (or since it started, when it has not written the cursor yet).
     */
    private static long runtimeSeconds(StateDir state, Progress progress, boolean running) {
        long seconds = progress.activeSeconds();
        if (!running) return seconds;
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
        if (countedUpTo != null) seconds += Math.max(0, Duration.between(countedUpTo, Instant.now()).toSeconds());
        return seconds;
    }
}
