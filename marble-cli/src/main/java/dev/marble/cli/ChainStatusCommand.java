package dev.marble.cli;

import dev.marble.chain.ChainLoader;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.state.Handoff;
import dev.marble.chain.state.Progress;
import dev.marble.chain.state.ProgressFile;
import dev.marble.chain.state.StateDir;
import dev.marble.error.MarbleException;
import dev.marble.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
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
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code marble chain status [NAME]}: llmauto's status view (round, runtime, limits, the handoff's last role, task
 * and status) plus whether it runs and as which pid, why it last stopped, and the cost so far. Reads only: asking
 * about a chain that never ran creates nothing (llmauto created its state folder).
 */
@Command(name = "status", description = "Show a chain's state, or every chain's that has state.")
final class ChainStatusCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "The chain (default: every chain with state).")
    String name;

    @Mixin
    ChainHomeOption home;

    /** One object for NAME, else an array of every chain's. */
    @Mixin
    JsonOption json;

    @Spec
    CommandSpec commandSpec;

    ChainStatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ChainHome chainHome = home.resolve(context);
        List<String> names = name != null ? List.of(ChainNames.of(name)) : stateNames(chainHome);
        if (json.enabled()) {
            if (name != null) {
                context.out().println(Json.write(asJson(chainHome, names.getFirst())));
            } else {
                ArrayNode all = Json.array();
                for (String chain : names) all.add(asJson(chainHome, chain));
                context.out().println(Json.write(all));
            }
            return ExitCodes.OK;
        }
        if (names.isEmpty()) {
            context.out().println("No chain has run here yet (no state in " + chainHome.stateRoot() + ").");
            return ExitCodes.OK;
        }
        for (String chain : names) show(chainHome, chain, context.out());
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

    private void show(ChainHome home, String chain, PrintStream out) {
        StateDir state = home.state(chain);
        ChainSpec spec = spec(home, chain, context.environment().home());
        out.println(Palette.out(context, commandSpec).heading("=== " + chain + " ==="));
        if (!state.exists()) {
            out.println("  Status:  never started" + (spec == null ? " (and no chain file chains/" + chain + ".json)" : ""));
            return;
        }
        Progress progress = new ProgressFile(state).read();
        String running = ChainProcess.runningPid(state).map(pid -> " (running, pid " + pid + ")").orElse("");
        out.println("  Status:  " + state.status() + running);
        out.println("  Round:   " + progress.round() + " / " + (spec == null ? "?" : spec.maxRounds() > 0 ? spec.maxRounds() : "unlimited"));
        double hours = runtimeHours(state, progress, !running.isEmpty());
        out.println("  Runtime: " + String.format(Locale.ROOT, "%.1fh", hours) + " / "
                + (spec == null ? "?" : spec.runtimeHours() > 0 ? spec.runtimeHours() + "h max" : "no limit"));
        if (spec != null && spec.deadline() != null) out.println("  Deadline: " + spec.deadline());
        String handoff = state.handoff();
        Handoff.last(handoff, "## Rolle:", "## Role:").ifPresent(v -> out.println("  Last link: " + v));
        Handoff.last(handoff, "## Task:", "## Aufgabe:").ifPresent(v -> out.println("  Task:    " + v));
        Handoff.last(handoff, "## Status:", "## Urteil:", "## Verdict:").ifPresent(v -> out.println("  Task status: " + v));
        if (progress.inFlight() != null) out.println("  In flight: " + progress.inFlight().linkName()
                + (running.isEmpty() ? " (did not finish; the next start runs it again)" : ""));
        if (progress.consecutiveFailures() > 0) out.println("  Failures in a row: " + progress.consecutiveFailures());
        if (progress.costUsd().signum() > 0) {
            out.println("  Cost:    " + Palette.out(context, commandSpec).cost(Words.dollars(progress.costUsd())));
        }
        state.stopRequest().ifPresent(reason -> out.println("  !!! STOP requested: " + reason));
        state.lastShutdown().ifPresent(reason -> out.println("  Last stop: " + reason));
    }

    /**
     * The chain's state as {@code marble chain status --json} prints it: the same facts as the text, snake_case, each
     * one there (null when not known: no chain file, never started), so a script need not test for absent keys.
     */
    private ObjectNode asJson(ChainHome home, String chain) {
        StateDir state = home.state(chain);
        ChainSpec spec = spec(home, chain, context.environment().home());
        ObjectNode out = Json.object();
        out.put("name", chain);
        out.put("chain_file", spec == null ? null : spec.file().toString());
        out.put("started", state.exists());
        Progress progress = state.exists() ? new ProgressFile(state).read() : null;
        Optional<Long> pid = state.exists() ? ChainProcess.runningPid(state) : Optional.empty();
        out.put("status", state.exists() ? state.status() : null);
        out.put("running", pid.isPresent());
        if (pid.isPresent()) out.put("pid", pid.get()); else out.putNull("pid");
        if (progress == null) out.putNull("round"); else out.put("round", progress.round());
        if (spec == null) out.putNull("max_rounds"); else out.put("max_rounds", spec.maxRounds());
        if (progress == null) out.putNull("runtime_hours");
        else out.put("runtime_hours", runtimeHours(state, progress, pid.isPresent()));
        if (spec == null) out.putNull("max_runtime_hours"); else out.put("max_runtime_hours", spec.runtimeHours());
        out.put("deadline", spec == null || spec.deadline() == null ? null : spec.deadline().toString());
        String handoff = state.exists() ? state.handoff() : "";
        out.put("last_link", Handoff.last(handoff, "## Rolle:", "## Role:").orElse(null));
        out.put("task", Handoff.last(handoff, "## Task:", "## Aufgabe:").orElse(null));
        out.put("task_status", Handoff.last(handoff, "## Status:", "## Urteil:", "## Verdict:").orElse(null));
        out.put("in_flight", progress == null || progress.inFlight() == null ? null : progress.inFlight().linkName());
        out.put("consecutive_failures", progress == null ? 0 : progress.consecutiveFailures());
        if (progress == null) out.putNull("cost_usd"); else out.put("cost_usd", progress.costUsd());
        out.put("stop_requested", state.exists() ? state.stopRequest().orElse(null) : null);
        out.put("last_stop", state.exists() ? state.lastShutdown().orElse(null) : null);
        return out;
    }

    private static double runtimeHours(StateDir state, Progress progress, boolean running) {
        long seconds = progress.activeSeconds();
        if (running) {
            Instant started = state.startTime().orElse(null);
            if (started != null) seconds += Duration.between(started, Instant.now()).toSeconds();
        }
        return seconds / 3600.0;
    }

    private static ChainSpec spec(ChainHome home, String chain, Path userHome) {
        Path file = home.root().resolve("chains").resolve(chain + ".json");
        if (!Files.isRegularFile(file)) return null;
        try {
            return ChainLoader.load(file, List.of(), userHome).spec();
        } catch (RuntimeException unreadable) {
            return null; // status still shows the state
        }
    }
}
