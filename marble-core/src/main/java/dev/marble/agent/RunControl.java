package dev.marble.agent;

import java.util.Optional;

/**
 * The points where a run may ask a person. The core knows no terminal: the command line implements
 * this when one is attached; a headless run uses the defaults, which never wait for anyone.
 */
public interface RunControl {

    RunControl HEADLESS = new RunControl() {};

    /** The turn limit was reached. Go on for as many turns again? (llm-loop asks; headless: no.) */
    default boolean continuePastMaxTurns(int turns) {
        return false;
    }

    /**
     * The model answered without calling a tool or finishing. The next instruction to send, or
     * empty to end the run ({@link RunEnding#ANSWERED}); {@link #STOP} ends it as {@link RunEnding#STOPPED}.
     */
    default Optional<String> nextInstruction(String answer) {
        return Optional.empty();
    }

    /** Returned by {@link #nextInstruction} when the person asked to stop (typed "exit"). */
    String STOP = "\u0000stop";
}
