package dev.marble.cli;

import dev.marble.chain.state.ChainLock;
import dev.marble.chain.state.StateDir;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code marble chain reset NAME}: back to round 0, READY, a fresh handoff; unlike llmauto also the links' sessions,
 * per-link handoffs and the resume cursor, so continue-mode links start fresh. Refused while the chain runs.
 */
@Command(
        name = "reset",
        description = {
            "Reset a chain to round 0 with a fresh handoff and fresh sessions.",
            "Refused while the chain runs."
        },
        footer = {"  marble chain reset nightly", "  marble chain start nightly --reset   # reset and start in one"})
final class ChainResetCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(paramLabel = "NAME", description = "A chain in chains/ (NAME or NAME.json), or a path to a chain file.")
    String name;

    @Mixin
    ChainHomeOption home;

    ChainResetCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        NamedChain named = NamedChain.find(context, home.resolve(context), name);
        String chain = named.name();
        StateDir state = named.state();
        if (TemporalChainMarker.workflowId(state).isPresent()) {
            var environment =
                    context.environment().withWorkingDirectory(named.home().root());
            try (dev.marble.Marble marble =
                            dev.marble.Marble.start(environment, context.err()::println, context.redactor());
                    var connection = TemporalChainMarker.connect(context, marble, dev.marble.api.EngineOptions.NONE)) {
                var status = connection.chains().status(named.home().root(), chain);
                if (status.isPresent() && status.get().running()) {
                    throw new dev.marble.chain.state.ChainBusyException(chain, java.util.OptionalLong.empty()) {
                        @Override
                        public String getMessage() {
                            return "chain " + chain + " runs on Temporal as workflow "
                                    + status.get().workflowId() + ": 'marble chain stop " + chain + "' first";
                        }
                    };
                }
            }
        }
        try (ChainLock lock = ChainLock.acquire(state)) {
            state.reset(Clock.systemDefaultZone());
        }
        context.out()
                .println("[marble chain] " + chain + " reset: round 0, status READY, fresh handoff (" + state.dir()
                        + ")");
        return ExitCodes.OK;
    }
}
