package dev.marble.agent;

import java.util.Objects;

/**
 * A person's answer when the model answered without calling a tool or finishing (see
 * {@link RunControl#nextInstruction}): send another instruction, end the run as answered, or stop it.
 */
public sealed interface NextInstruction {

    /** End the run as {@link RunEnding#ANSWERED}: nobody asked the model to go on. */
    NextInstruction END = new End();

    /** End the run as {@link RunEnding#STOPPED}: the person said stop (typed "exit"). */
    NextInstruction STOP = new Stop();

    static NextInstruction send(String text) {
        return new Send(text);
    }

    /** Go on, with {@code text} as the next user message. */
    record Send(String text) implements NextInstruction {
        public Send {
            Objects.requireNonNull(text, "text");
        }
    }

    record End() implements NextInstruction {}

    record Stop() implements NextInstruction {}
}
