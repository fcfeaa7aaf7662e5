package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.api.Chains;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.PromptResolver;
import dev.marble.chain.run.ChainRun;
import dev.marble.chain.state.ChainLock;
import dev.marble.chain.state.Shutdown;
import dev.marble.chain.state.StateDir;
import dev.marble.config.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code marble chain start NAME}: runs a chain in the foreground, or with {@code --bg} in the background. */
@Command(name = "start", description = {
        "Run a chain: rounds of its links until a shutdown condition holds.",
        "Shutdown conditions: STOP, ALL_DONE, the chain's limits. A chain stopped or killed resumes where it"
                + " stopped: at the link that did not finish."},
        footer = {
                "  marble chain start nightly",
                "  marble chain start nightly --bg   # detached; output in logs/nightly.log",
                "  marble chain start chains/review.json --reset"})
final class ChainStartCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(paramLabel = "NAME", description = "A chain in chains/ (NAME or NAME.json), or a path to a chain file.")
    String name;

    @Option(names = "--bg", description = "Run detached in the background; output goes to logs/NAME.log.")
    boolean background;

    @Option(names = "--json", description = "Print every event as one JSON object per line on standard output.")
    boolean json;

    @Option(names = "--reset", description = "Reset the chain's state first, as 'marble chain reset' does.")
    boolean reset;

    @Mixin
    ChainHomeOption home;

    @Mixin
    SandboxOption sandbox;

    @Option(names = "--log-only", hidden = true, description = "Write the log to logs/NAME.log only (the background run).")
    boolean logOnly;

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
            if (background) {
                // The foreground run checks its prompts as it starts; a detached one must fail here, where it is seen.
                new PromptResolver(chainHome.root()).check(chain);
                List<String> passedOn = new ArrayList<>(sandbox.passedOn());
                if (reset) passedOn.add("--reset");
                return BackgroundChain.start(context, chainHome, file, chain, passedOn);
            }
            if (reset) {
                try (ChainLock lock = ChainLock.acquire(state)) {
                    state.reset(Clock.systemDefaultZone());
                }
            }
            marble.openJournal();
            if (json) marble.events().subscribe(new JsonLinesRenderer(context.out(), marble.redactor()));
            ChainRun.Result result = Chains.start(marble, chainHome.root(), chain, json || logOnly ? null : context.out());
            if (!json) {
                context.err().println("[marble chain] " + chain.name() + ": " + result.status() + " — " + result.reason()
                        + "; " + result.rounds() + " rounds" + (result.costUsd().signum() > 0
                        ? String.format(Locale.ROOT, ", $%.4f", result.costUsd()) : "")
                        + "; state in " + state.dir());
            }
            if (result.interrupted()) return ExitCodes.INTERRUPTED;
            return result.shutdown() == Shutdown.Reason.MAX_FAILURES ? ExitCodes.MODEL_FAILED : ExitCodes.OK;
        }
    }
}
