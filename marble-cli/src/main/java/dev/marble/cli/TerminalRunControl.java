package dev.marble.cli;

import dev.marble.agent.RunControl;

import java.util.Optional;

/**
 * llm-loop's checkpoints, at a terminal: at the turn limit, go on (yes by default); when the model
 * answers without finishing, go on (no by default), and with what instruction ("exit" stops; Enter
 * sends "Continue working on the goal").
 */
final class TerminalRunControl implements RunControl {

    private final TerminalPrompts prompts;
    private final String goal;
    private final int maxTurns;

    TerminalRunControl(TerminalPrompts prompts, String goal, int maxTurns) {
        this.prompts = prompts;
        this.goal = goal;
        this.maxTurns = maxTurns;
    }

    @Override
    public boolean continuePastMaxTurns(int turns) {
        return prompts.confirm("\nmarble: " + turns + " turns so far. Continue for another " + maxTurns + "?", true);
    }

    @Override
    public Optional<String> nextInstruction(String answer) {
        if (!prompts.confirm("\nmarble: the model stopped without finishing. Continue toward the goal?", false)) {
            return Optional.empty();
        }
        Optional<String> next = prompts.ask("Next instruction (Enter: keep working on the goal; exit: stop): ");
        if (next.isEmpty()) return Optional.empty();
        if (next.get().equalsIgnoreCase("exit")) return Optional.of(RunControl.STOP);
        if (next.get().isEmpty()) return Optional.of("Continue working on the goal" + (goal == null ? "." : ": " + goal));
        return next;
    }
}
