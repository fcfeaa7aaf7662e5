package dev.marble.error;

import dev.marble.model.Attempt;

import java.util.List;
import java.util.stream.Collectors;

/** Every attempt at every model failed; the message names each one. */
public sealed class ModelCallFailedException extends MarbleException permits DeadlinePassedException {

    private final List<Attempt> attempts;
    private final ModelException last;

    public ModelCallFailedException(List<Attempt> attempts, ModelException last) {
        this(describe(attempts, last), attempts, last);
    }

    protected ModelCallFailedException(String message, List<Attempt> attempts, ModelException last) {
        super(message, last);
        this.attempts = List.copyOf(attempts);
        this.last = last;
    }

    private static String describe(List<Attempt> attempts, ModelException last) {
        if (attempts.size() == 1) {
            return "model call failed: " + attempts.getFirst().model() + ": " + last.getMessage();
        }
        String each = attempts.stream()
                .map(a -> a.model() + " #" + a.number() + " " + a.error())
                .collect(Collectors.joining("; "));
        return "model call failed after " + attempts.size() + " attempts: " + each;
    }

    public List<Attempt> attempts() {
        return attempts;
    }

    public ModelException lastFailure() {
        return last;
    }
}
