package dev.marble.cli;

import dev.marble.agent.NextInstruction;
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
    public NextInstruction nextInstruction(String answer) {
        if (!prompts.confirm("\nmarble: the model stopped without finishing. Continue toward the goal?", false)) {
            return NextInstruction.END;
        }
        Optional<String> next = prompts.ask("Next instruction (Enter: keep working on the goal; exit: stop): ");
        if (next.isEmpty()) return NextInstruction.END;
        if (next.get().equalsIgnoreCase("exit")) return NextInstruction.STOP;
        if (next.get().isEmpty()) {
            return NextInstruction.send("Continue working on the goal" + (goal == null ? "." : ": " + goal));
        }
        return NextInstruction.send(next.get());
    }
}
