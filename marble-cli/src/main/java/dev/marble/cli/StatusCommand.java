package dev.marble.cli;

import dev.marble.chain.ChainSpec;
import dev.marble.config.Version;
import dev.marble.json.Json;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code marble status}, llmauto's top-level {@code status}: Marble's version, then every chain of the project (a file
 * in chains/ or state) with its status, round and runtime, one line each. {@code marble chain status NAME} has the
 * rest. Reads only.
 */
@Command(
        name = "status",
        description = {
            "Show the version and each chain's status, round, runtime.",
            "One line a chain, for every chain of the project (in chains/ or with state).",
            "llmauto's 'status'. For one chain's limits, task, last link and last stop: 'marble chain status NAME'."
        },
        footer = {
            "  marble status",
            "  marble status -C ~/llmauto   # an llmauto checkout",
            "  marble status --json | jq -r '.chains[] | select(.running) | .name'"
        })
final class StatusCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ChainHomeOption home;

    /** One object: the version and an array of every chain's status, round and runtime. */
    @Mixin
    JsonOption json;

    @Spec
    CommandSpec commandSpec;

    StatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ChainHome chainHome = home.resolve(context);
        ProjectChains chains = new ProjectChains(chainHome, context);
        List<String> names = chains.all();
        if (json.enabled()) {
            ObjectNode out = Json.object();
            out.put("version", Version.VERSION);
            out.put("home", chainHome.root().toString());
            ArrayNode all = out.putArray("chains");
            for (String name : names) {
                ProjectChains.Loaded loaded = chains.load(name);
                all.add(asJson(chains.view(name, loaded), loaded));
            }
            context.out().println(Json.write(out));
            return ExitCodes.OK;
        }
        for (String line : new VersionCommand.Provider().getVersion())
            context.out().println(line);
        context.out().println();
        if (names.isEmpty()) {
            context.out().println("No chains in " + chainHome.root().resolve("chains") + ".");
            return ExitCodes.OK;
        }
        Table table = new Table("", "CHAIN", "STATUS", "ROUND", "RUNTIME");
        for (String name : names) {
            ProjectChains.Loaded loaded = chains.load(name);
            ChainStatusView view = chains.view(name, loaded);
            String runtime = runtime(view);
            table.row(
                    name,
                    status(view),
                    round(view),
                    loaded.problem() == null ? runtime : runtime + "  (" + loaded.problem() + ")");
        }
        table.print(context.out(), Palette.out(context, commandSpec));
        return ExitCodes.OK;
    }

    /** The state's word, {@code RUNNING (pid N)} while a process holds it, CRASHED when none does but should. */
    private static String status(ChainStatusView view) {
        if (!view.started()) return "never started";
        if (view.pid().isPresent())
            return view.state().status() + " (pid " + view.pid().get() + ")";
        return view.crashed() ? "CRASHED" : view.state().status();
    }

    private static String round(ChainStatusView view) {
        if (!view.started()) return "-";
        ChainSpec spec = view.spec();
        return view.round() + " / " + (spec == null ? "?" : spec.maxRounds() > 0 ? spec.maxRounds() : "unlimited");
    }

    private static String runtime(ChainStatusView view) {
        if (!view.started()) return "-";
        ChainSpec spec = view.spec();
        return String.format(Locale.ROOT, "%.1fh", view.runtimeSeconds() / 3600.0) + " / "
                + (spec == null ? "?" : spec.runtimeHours() > 0 ? spec.runtimeHours() + "h max" : "no limit");
    }

    /** snake_case, every field there, null when not known (never started, no chain file), as chain status. */
    private static ObjectNode asJson(ChainStatusView view, ProjectChains.Loaded loaded) {
        ChainSpec spec = view.spec();
        boolean started = view.started();
        ObjectNode out = Json.object();
        out.put("name", view.name());
        out.put("chain_file", loaded.file() == null ? null : loaded.file().toString());
        out.put("chain_file_error", loaded.problem());
        out.put("started", started);
        out.put(
                "status",
                !started ? null : view.crashed() ? "CRASHED" : view.state().status());
        out.put("running", view.pid().isPresent());
        if (view.pid().isPresent()) out.put("pid", view.pid().get());
        else out.putNull("pid");
        if (!started) out.putNull("round");
        else out.put("round", view.round());
        if (spec == null) out.putNull("max_rounds");
        else out.put("max_rounds", spec.maxRounds());
        if (!started) out.putNull("runtime_hours");
        else out.put("runtime_hours", view.runtimeSeconds() / 3600.0);
        if (spec == null) out.putNull("max_runtime_hours");
        else out.put("max_runtime_hours", spec.runtimeHours());
        return out;
    }
}
