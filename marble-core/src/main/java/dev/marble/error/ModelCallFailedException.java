package dev.marble.error;

import dev.marble.model.Attempt;
import java.util.List;
import java.util.stream.Collectors;

/** Every attempt at every model failed; the message names each one. */
public sealed class ModelCallFailedException extends MarbleException permits DeadlinePassedException {

    private final List<Attempt> attempts;
    private final ModelException last;
    private final boolean noModelReachable;

    /** A failure of attempts of one kind: no model was reached when that kind is {@code UNAVAILABLE}. */
    public ModelCallFailedException(List<Attempt> attempts, ModelException last) {
        this(attempts, last, last.kind() == ModelException.Kind.UNAVAILABLE);
    }

    /**
     * @param noModelReachable every attempt failed because its model cannot run here (a missing API key, a missing
     *                         program), so the problem is the setup, not a model: exit 4 rather than 1
     */
    public ModelCallFailedException(List<Attempt> attempts, ModelException last, boolean noModelReachable) {
        this(
                (noModelReachable ? "no model can be reached: " : "") + describe(attempts, last),
                attempts,
                last,
                noModelReachable);
    }

    protected ModelCallFailedException(String message, List<Attempt> attempts, ModelException last) {
        this(message, attempts, last, false);
    }

    private ModelCallFailedException(
            String message, List<Attempt> attempts, ModelException last, boolean noModelReachable) {
        super(message, last);
        this.attempts = List.copyOf(attempts);
        this.last = last;
        this.noModelReachable = noModelReachable;
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

    /** Whether no attempt reached a model: each failed because its model cannot run here. */
    public boolean noModelReachable() {
        return noModelReachable;
    }
}
