package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.api.Chains;
import dev.marble.api.DurableChainStart;
import dev.marble.api.DurableEngine;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.PromptResolver;
import dev.marble.chain.run.ChainRun;
import dev.marble.chain.state.ChainBusyException;
import dev.marble.chain.state.ChainLock;
import dev.marble.chain.state.Shutdown;
import dev.marble.chain.state.StateDir;
import dev.marble.cli.Verbosity.Detail;
import dev.marble.config.Environment;
import dev.marble.error.UsageException;
import dev.marble.json.Json;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code marble chain start NAME}: runs a chain in the foreground, or with {@code --bg} in the background. */
@Command(
        name = "start",
        description = {
            "Run a chain: rounds of its links until a shutdown condition holds.",
            "Shutdown conditions: STOP, ALL_DONE, the chain's limits. A chain stopped or killed resumes where it"
                    + " stopped: at the link that did not finish."
        },
        footer = {
            "  marble chain start nightly",
            "  marble chain start nightly --bg   # detached; output in logs/nightly.log",
            "  marble chain start nightly -q --json   # events as JSON lines",
            "  marble chain start nightly --engine temporal   # on marble workers"
        })
final class ChainStartCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(paramLabel = "NAME", description = "A chain in chains/ (NAME or NAME.json), or a path to a chain file.")
    String name;

    @Option(names = "--bg", description = "Run detached in the background; output goes to logs/NAME.log.")
    boolean background;

    /** Every event as one JSON object per line on standard output; with --bg, the process's pid and log file. */
    @Mixin
    JsonOption json;

    /** The chain's log lines and a summary by default, as llmauto; -q neither, -vv also every link's tool calls. */
    @Mixin
    Verbosity verbosity;

    @Spec
    CommandSpec commandSpec;

    @Option(names = "--reset", description = "Reset the chain's state first, as 'marble chain reset' does.")
    boolean reset;

    @Mixin
    ChainHomeOption home;

    @Mixin
    SandboxOption sandbox;

    @Option(
            names = "--log-only",
            hidden = true,
            description = "Write the log to logs/NAME.log only (the background run).")
    boolean logOnly;

    @Option(
            names = "--engine",
            paramLabel = "ENGINE",
            description = "local (default: this process) or temporal (a workflow that 'marble worker' processes run;"
                    + " marble.json's engine says it too).")
    String engine;

    @Option(
            names = "--worker",
            paramLabel = "NAME",
            description =
                    "With --engine temporal: pin the chain to this worker (default: the first worker to take it).")
    String worker;

    @Mixin
    EngineFlags engineFlags;

    ChainStartCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        NamedChain named = NamedChain.find(context, home.resolve(context), name);
        Path file = named.file();
        ChainHome chainHome = named.home();
        Environment environment = context.environment().withWorkingDirectory(chainHome.root());
        try (Marble marble = Marble.start(environment, context.err()::println, context.redactor())) {
            ChainSpec chain = Chains.load(marble, file);
            StateDir state = chainHome.state(chain.name());
            sandbox.apply(marble);
            String engineName = engine != null
                    ? engine
                    : ChainEngine.named(file)
                            .or(() -> marble.config().text("engine").map(setting -> setting.value()))
                            .orElse("local");
            if (engineName.equals("temporal")) return startOnTemporal(marble, chainHome, file, chain, state);
            if (!engineName.equals("local")) {
                throw new UsageException("--engine " + engineName + " is not known: expected local or temporal");
            }
            leaveTemporal(marble, chainHome, chain, state);
            if (background) {
                // The foreground run checks its prompts as it starts; a detached one must fail here, where it is seen.
                new PromptResolver(chainHome.root()).check(chain);
                List<String> passedOn = new ArrayList<>(sandbox.passedOn());
                if (reset) passedOn.add("--reset");
                return BackgroundChain.start(context, chainHome, file, chain, passedOn, json.enabled());
            }
            if (reset) {
                try (ChainLock lock = ChainLock.acquire(state)) {
                    state.reset(Clock.systemDefaultZone());
                }
            }
            marble.openJournal();
            marble.exportTelemetry();
            Detail detail = verbosity.detail(Detail.PROGRESS);
            Palette palette = Palette.err(context, commandSpec);
            PrintStream echo = null;
            if (json.enabled()) {
                marble.events().subscribe(new JsonLinesRenderer(context.out(), marble.redactor()));
            } else if (!logOnly) {
                Spinner spinner = Spinner.on(context, !verbosity.quiet);
                // The links' own lines at -vv; at a terminal a spinner while a link waits for its model.
                marble.events()
                        .subscribe(new ConsoleRenderer(
                                        context.out(),
                                        context.err(),
                                        detail == Detail.FULL ? Detail.FULL : Detail.RESULT,
                                        ConsoleRenderer.Text.NONE,
                                        palette,
                                        marble.redactor())
                                .withSpinner(spinner)
                                .withTerminals(context));
                if (detail.atLeast(Detail.PROGRESS))
                    echo = new SpinnerAwareStream(context.out(), spinner, TerminalText.out(context));
            }
            ChainRun.Result result = Chains.start(marble, chainHome.root(), chain, echo);
            if (!json.enabled() && (logOnly || detail.atLeast(Detail.PROGRESS))) {
                context.err()
                        .println("[marble chain] " + chain.name() + ": "
                                + result.status().fileWord() + " — "
                                + TerminalText.err(context).show(result.reason())
                                + "; " + Words.count(result.rounds(), "round")
                                + (result.costUsd().signum() > 0
                                        ? ", " + palette.cost(Words.dollars(result.costUsd()))
                                        : "")
                                + "; state in " + state.dir());
            }
            if (result.interrupted()) return ExitCodes.INTERRUPTED;
            return result.shutdown() == Shutdown.Reason.MAX_FAILURES ? ExitCodes.MODEL_FAILED : ExitCodes.OK;
        }
    }

    /**
     * A chain last started on Temporal starts here only once its workflow has ended (asked of the engine), and then
     * forgets the engine, so that its status and stop are local again. A server that cannot be reached is exit 8:
     * two runs of one chain must not share its state files.
     */
    private void leaveTemporal(Marble marble, ChainHome chainHome, ChainSpec chain, StateDir state) {
        if (TemporalChainMarker.workflowId(state).isEmpty()) return;
        try (DurableEngine.Connection connection =
                TemporalChainMarker.connect(context, marble, engineFlags.options())) {
            var status = connection.chains().status(chainHome.root(), chain.name());
            if (status.isPresent() && status.get().running()) {
                throw new ChainBusyException(
                        chain.name(),
                        "on " + connection.describe() + " as workflow "
                                + status.get().workflowId() + " (marble chain stop " + chain.name() + " first)");
            }
        }
        TemporalChainMarker.clear(state);
    }

    /**
     * Starts the chain as a workflow on Temporal and returns at once: 'marble worker' processes run its links. Refused
     * when it runs here (its lock) or on Temporal (its workflow id) already, as a second local start is.
     */
    private int startOnTemporal(Marble marble, ChainHome chainHome, Path file, ChainSpec chain, StateDir state) {
        new PromptResolver(chainHome.root()).check(chain);
        if (reset) {
            try (ChainLock lock = ChainLock.acquire(state)) {
                state.reset(Clock.systemDefaultZone());
            }
        } else {
            ChainLock.acquire(state).close(); // running here: refused with its pid, as locally
        }
        try (DurableEngine.Connection connection =
                TemporalChainMarker.connect(context, marble, engineFlags.options())) {
            String id = connection.chains().start(new DurableChainStart(chainHome.root(), file, chain.name(), worker));
            TemporalChainMarker.write(state, id);
            if (json.enabled()) {
                var out = Json.object();
                out.put("name", chain.name());
                out.put("engine", "temporal");
                out.put("workflow_id", id);
                out.put("server", connection.describe());
                context.out().println(Json.write(out));
            } else if (!verbosity.quiet) {
                context.err()
                        .println("[marble chain] " + chain.name() + " started on " + connection.describe()
                                + " as workflow " + id + "; its links run on 'marble worker' processes."
                                + " Follow it with 'marble chain status " + chain.name() + "'.");
            }
            return ExitCodes.OK;
        }
    }

    /**
     * The chain's log lines as they are written, each erasing the spinner first so the two never share a line. A line
     * quotes the links' answers, so at a terminal its controls are made visible.
     */
    private static final class SpinnerAwareStream extends PrintStream {
        private final Spinner spinner;
        private final TerminalText text;

        SpinnerAwareStream(OutputStream out, Spinner spinner, TerminalText text) {
            super(out, true, StandardCharsets.UTF_8);
            this.spinner = spinner;
            this.text = text;
        }

        @Override
        public void println(String line) {
            spinner.stop();
            super.println(text.show(line));
        }
    }
}
