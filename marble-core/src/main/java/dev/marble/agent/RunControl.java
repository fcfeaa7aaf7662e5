package dev.marble.agent;

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
     * The model answered without calling a tool or finishing: send another instruction, end the run as
     * {@link RunEnding#ANSWERED} ({@link NextInstruction#END}, the headless answer), or stop it as
     * {@link RunEnding#STOPPED} ({@link NextInstruction#STOP}).
     */
    default NextInstruction nextInstruction(String answer) {
        return NextInstruction.END;
    }
}
