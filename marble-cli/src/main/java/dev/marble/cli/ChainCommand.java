package dev.marble.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code marble chain}: llmauto's chain commands, same names and meaning (in {@link CommandTree}). */
@Command(
        name = "chain",
        description = {
            "Chains of agents working round after round (llmauto's chains).",
            "Links (worker, reviewer, controller) take turns through a handoff file until a shutdown condition holds."
                    + " llmauto's chain files, prompts and state folders work unchanged."
        },
        footer = {
            "  marble chain list",
            "  marble chain start nightly --bg",
            "  marble chain status nightly",
            "  marble chain log nightly -f"
        })
final class ChainCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
