package dev.marble.cli;

import dev.marble.chain.ChainSpec;
import dev.marble.chain.state.Progress;
import dev.marble.format.chain.ChainLoader;
import dev.marble.json.Json;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code marble chain status [NAME]}: llmauto's status view (round, runtime, limits, the handoff's task and status)
 * plus whether it runs and as which pid, or crashed, the link that last ran, why it last stopped, and the cost so
 * far; with {@code --json} the same facts as one object (or an array without NAME). Reads only: asking about a
 * chain creates nothing (llmauto created its state folder). A NAME that is not a chain is a usage error; a chain
 * file that does not load is one as it is for {@code start}.
 */
@Command(
        name = "status",
        description = {
            "Show a chain's state, or that of every chain with state.",
            "Round, runtime, limits, the last link and its task, whether it runs (or crashed), why it last stopped."
        },
        footer = {
            "  marble chain status",
            "  marble chain status nightly",
            "  marble chain status nightly --json | jq -r .status"
        })
final class ChainStatusCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(
            paramLabel = "NAME",
            arity = "0..1",
            description =
                    "A chain in chains/ (NAME or NAME.json), or a path to a chain file (default: every chain with "
                            + "state).")
    String name;

    @Mixin
    ChainHomeOption home;

    /** One object for NAME, else an array of every chain's. */
    @Mixin
    JsonOption json;

    @Mixin
    EngineFlags engineFlags;

    @Spec
    CommandSpec commandSpec;

    ChainStatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ChainHome chainHome = home.resolve(context);
        if (name != null) {
            NamedChain chain = NamedChain.find(context, chainHome, name);
            ChainSpec spec = ChainLoader.load(
                            chain.file(), List.of(), context.environment().home())
                    .spec();
            ChainStatusView view = new ChainStatusView(chain.state(), spec);
            dev.marble.api.DurableChainStatus onTemporal = TemporalChainView.query(
                            context, chain, engineFlags.options())
                    .orElse(null);
            if (json.enabled()) {
                ObjectNode out = asJson(view, chain.file(), null);
                if (onTemporal != null) out.set("temporal", TemporalChainView.json(onTemporal));
                context.out().println(Json.write(out));
            } else {
                show(view, null, context.out());
                if (onTemporal != null) TemporalChainView.print(onTemporal, context, context.out());
            }
            return ExitCodes.OK;
        }
        ProjectChains chains = new ProjectChains(chainHome, context);
        List<String> names = chains.withState();
        if (json.enabled()) {
            ArrayNode all = Json.array();
            for (String chain : names) {
                ProjectChains.Loaded loaded = chains.load(chain);
                all.add(asJson(chains.view(chain, loaded), loaded.file(), loaded.problem()));
            }
            context.out().println(Json.write(all));
            return ExitCodes.OK;
        }
        if (names.isEmpty()) {
            context.out().println("No chain has run here yet (no state in " + chainHome.stateRoot() + ").");
            return ExitCodes.OK;
        }
        for (String chain : names) {
            ProjectChains.Loaded loaded = chains.load(chain);
            show(chains.view(chain, loaded), loaded.problem(), context.out());
        }
        return ExitCodes.OK;
    }

    /** One chain's view; {@code problem} says why its file is missing or broken (the view has no spec then). */
    private void show(ChainStatusView view, String problem, PrintStream out) {
        Palette palette = Palette.out(context, commandSpec);
        // The task lines come from a handoff the agents wrote and the stop lines can quote a provider's reply: at a
        // terminal they are shown, not obeyed.
        TerminalText shown = TerminalText.out(context);
        ChainSpec spec = view.spec();
        out.println(palette.heading("=== " + view.name() + " ==="));
        if (problem != null) out.println("  Chain file: " + problem);
        if (!view.started()) {
            out.println("  Status:  never started");
            return;
        }
        Progress progress = view.progress();
        out.println("  Status:  " + statusLine(view));
        boolean waiting = view.roundUnderWay() && view.pid().isEmpty() && !view.crashed();
        out.println("  Round:   " + view.round() + " / "
                + (spec == null ? "?" : spec.maxRounds() > 0 ? spec.maxRounds() : "unlimited")
                + (waiting ? " (under way: the next start goes on with it)" : ""));
        out.println("  Runtime: " + String.format(Locale.ROOT, "%.1fh", view.runtimeSeconds() / 3600.0) + " / "
                + (spec == null ? "?" : spec.runtimeHours() > 0 ? spec.runtimeHours() + "h max" : "no limit"));
        if (spec != null && spec.deadline() != null) out.println("  Deadline: " + spec.deadline());
        view.lastLink().ifPresent(link -> out.println("  Last link: " + shown.show(link)));
        view.task().ifPresent(v -> out.println("  Task:    " + shown.show(v)));
        view.taskStatus().ifPresent(v -> out.println("  Task status: " + shown.show(v)));
        if (progress.inFlight() != null)
            out.println("  In flight: " + progress.inFlight().linkName()
                    + (view.pid().isEmpty() ? " (did not finish; the next start runs it again)" : ""));
        if (progress.consecutiveFailures() > 0) out.println("  Failures in a row: " + progress.consecutiveFailures());
        if (progress.costUsd().signum() > 0)
            out.println("  Cost:    " + palette.cost(Words.dollars(progress.costUsd())));
        view.stopRequested()
                .ifPresent(reason -> out.println(
                        "  !!! STOP requested: " + shown.show(context.redactor().redact(reason))));
        view.lastStop()
                .ifPresent(reason -> out.println(
                        "  Last stop: " + shown.show(context.redactor().redact(reason))));
    }

    private static String statusLine(ChainStatusView view) {
        if (view.pid().isPresent())
            return view.state().status() + " (running, pid " + view.pid().get() + ")";
        if (!view.crashed()) return view.state().status();
        OptionalLong gone = view.crashedPid();
        String who = gone.isPresent() ? "pid " + gone.getAsLong() + " is gone" : "no process runs it";
        return "CRASHED: " + who + "; 'marble chain start " + view.name() + "' resumes at link " + view.resumeLink()
                + ", round " + view.resumeRound();
    }

    /**
     * The chain's state as {@code marble chain status --json} prints it: the same facts as the text, snake_case, each
     * one there (null when not known: no chain file, never started), so a script need not test for absent keys.
     * {@code status} is CRASHED where the text says so; the state's own word is then RUNNING.
     */
    private ObjectNode asJson(ChainStatusView view, Path file, String problem) {
        ChainSpec spec = view.spec();
        Progress progress = view.progress();
        boolean started = view.started();
        ObjectNode out = Json.object();
        out.put("name", view.name());
        out.put("chain_file", file == null ? null : file.toString());
        out.put("chain_file_error", problem);
        out.put("started", started);
        out.put(
                "status",
                !started ? null : view.crashed() ? "CRASHED" : view.state().status());
        out.put("running", view.pid().isPresent());
        if (view.pid().isPresent()) out.put("pid", view.pid().get());
        else out.putNull("pid");
        out.put("crashed", view.crashed());
        OptionalLong gone = view.crashedPid();
        if (gone.isPresent()) out.put("crashed_pid", gone.getAsLong());
        else out.putNull("crashed_pid");
        out.put("resume_link", view.crashed() ? view.resumeLink() : null);
        if (view.crashed()) out.put("resume_round", view.resumeRound());
        else out.putNull("resume_round");
        if (!started) out.putNull("round");
        else out.put("round", view.round());
        out.put("round_under_way", view.roundUnderWay());
        if (spec == null) out.putNull("max_rounds");
        else out.put("max_rounds", spec.maxRounds());
        if (!started) out.putNull("runtime_hours");
        else out.put("runtime_hours", view.runtimeSeconds() / 3600.0);
        if (spec == null) out.putNull("max_runtime_hours");
        else out.put("max_runtime_hours", spec.runtimeHours());
        out.put(
                "deadline",
                spec == null || spec.deadline() == null ? null : spec.deadline().toString());
        out.put("last_link", view.lastLink().orElse(null));
        out.put("task", view.task().orElse(null));
        out.put("task_status", view.taskStatus().orElse(null));
        out.put(
                "in_flight",
                progress == null || progress.inFlight() == null
                        ? null
                        : progress.inFlight().linkName());
        out.put("consecutive_failures", progress == null ? 0 : progress.consecutiveFailures());
        if (progress == null) out.putNull("cost_usd");
        else out.put("cost_usd", progress.costUsd());
        out.put(
                "stop_requested",
                view.stopRequested().map(context.redactor()::redact).orElse(null));
        out.put("last_stop", view.lastStop().map(context.redactor()::redact).orElse(null));
        out.put("last_error", view.lastError().map(context.redactor()::redact).orElse(null));
        return out;
    }
}
