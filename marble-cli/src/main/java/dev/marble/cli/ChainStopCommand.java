package dev.marble.cli;

import dev.marble.chain.state.StateDir;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code marble chain stop NAME [REASON…]}: asks the chain to stop before its next link (the STOP file llmauto users
 * know); with {@code --now} also interrupts the link that is running (SIGTERM to the chain's process, which ends the
 * link cleanly and records it as unfinished, so the next start runs it again).
 */
@Command(
        name = "stop",
        description = {
            "Stop a chain before its next link.",
            "With --now, also interrupt the running link; it runs again at the next start."
        },
        footer = {
            "  marble chain stop nightly",
            "  marble chain stop nightly --now wrong prompt   # the reason is kept",
            "  marble chain stop nightly   # started with --engine temporal: a signal"
        })
final class ChainStopCommand implements Callable<Integer> {

    static final String DEFAULT_REASON = "stopped with marble chain stop";

    private final CliContext context;

    @Parameters(
            index = "0",
            paramLabel = "NAME",
            description = "A chain in chains/ (NAME or NAME.json), or a path to a chain file.")
    String name;

    @Parameters(index = "1..*", paramLabel = "REASON", description = "Why (kept in the state and shown by status).")
    List<String> reason = List.of();

    @Option(names = "--now", description = "Interrupt the running link as well.")
    boolean now;

    @Mixin
    ChainHomeOption home;

    @Mixin
    EngineFlags engineFlags;

    ChainStopCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        NamedChain named = NamedChain.find(context, home.resolve(context), name);
        String chain = named.name();
        StateDir state = named.state();
        String why = reason.isEmpty() ? DEFAULT_REASON : String.join(" ", reason);
        if (TemporalChainMarker.workflowId(state).isPresent() && stoppedOnTemporal(named, why)) return ExitCodes.OK;
        state.requestStop(why);
        var pid = ChainProcess.runningPid(state);
        if (pid.isEmpty()) {
            context.out()
                    .println("[marble chain] " + chain + " is not running; its next start stops at once (" + why
                            + "). 'marble chain reset " + chain + "' clears that.");
            return ExitCodes.OK;
        }
        if (now) {
            ProcessHandle.of(pid.get()).ifPresent(ProcessHandle::destroy);
            context.out()
                    .println(
                            "[marble chain] " + chain + " (pid " + pid.get() + "): interrupting the running link now.");
        } else {
            context.out().println("[marble chain] " + chain + " (pid " + pid.get() + ") stops before its next link.");
        }
        return ExitCodes.OK;
    }

    /** A chain running on Temporal is signalled: it stops after the link that runs. False when no workflow runs it. */
    private boolean stoppedOnTemporal(NamedChain named, String why) {
        var environment =
                context.environment().withWorkingDirectory(named.home().root());
        try (dev.marble.Marble marble =
                        dev.marble.Marble.start(environment, context.err()::println, context.redactor());
                var connection = TemporalChainMarker.connect(context, marble, engineFlags.options())) {
            if (!connection.chains().stop(named.home().root(), named.name(), why)) return false;
            context.out()
                    .println("[marble chain] " + named.name() + " (on " + connection.describe()
                            + ") stops after the running link.");
            return true;
        }
    }
}
