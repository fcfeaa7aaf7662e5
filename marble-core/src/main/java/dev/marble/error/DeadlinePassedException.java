package dev.marble.error;

import dev.marble.model.Attempt;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A model call ended because the run's deadline passed, or would pass before another attempt could
 * start. Not a failure of the model: the run ends as a timeout (a limit, exit 6), not as
 * {@code model_failed}.
 */
public final class DeadlinePassedException extends ModelCallFailedException {

    public DeadlinePassedException(List<Attempt> attempts, ModelException last) {
        super(describe(attempts), attempts, last);
    }

    private static String describe(List<Attempt> attempts) {
        if (attempts.isEmpty()) return "the time limit was reached before the model was called";
        String each = attempts.stream()
                .map(a -> a.model() + " #" + a.number() + " " + a.error())
                .collect(Collectors.joining("; "));
        return "the time limit was reached after " + attempts.size()
                + (attempts.size() == 1 ? " attempt: " : " attempts: ") + each;
    }
}
