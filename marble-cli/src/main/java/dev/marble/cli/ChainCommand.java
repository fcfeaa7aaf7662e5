package dev.marble.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code marble chain}: llmauto's chain commands, same names and meaning (in {@link CommandTree}). */
@Command(name = "chain", description = {
        "Chains of agents (worker, reviewer, controller) working round after round through a handoff file.",
        "llmauto's chain files, prompts and state folders work unchanged."})
final class ChainCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
