package dev.marble.format.chain;

import dev.marble.config.ConfigWarning;
import dev.marble.error.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects the keys of a chain file that Marble does not know and turns them into one warning per
 * load. llmauto encouraged custom keys ({@code opus_deep_limit}, read only by prompt text), so a
 * chain may carry several; one line naming them all is news, one line each is noise.
 */
final class UnknownKeys {

    /** The phrase {@link dev.marble.config.ShapeValidator} starts each unknown-key warning with. */
    private static final String VALIDATOR_PHRASE = "unknown key, ignored";

    private record Key(SourceLocation location, String suggestion) {}

    private final List<Key> keys = new ArrayList<>();

    void add(SourceLocation location) {
        keys.add(new Key(location, ""));
    }

    /** Takes over a validator warning, keeping its "did you mean" suggestion. */
    void addValidatorWarning(ConfigWarning warning) {
        String message = warning.message();
        String suggestion = message.startsWith(VALIDATOR_PHRASE)
                ? message.substring(VALIDATOR_PHRASE.length()).trim()
                : "";
        keys.add(new Key(warning.location(), suggestion));
    }

    /** The dotted names, in file order. */
    List<String> names() {
        return sorted().stream().map(key -> key.location().field()).toList();
    }

    Optional<ConfigWarning> warning() {
        List<Key> sorted = sorted();
        if (sorted.isEmpty()) return Optional.empty();
        Key first = sorted.getFirst();
        if (sorted.size() == 1) {
            String message = VALIDATOR_PHRASE + (first.suggestion().isEmpty() ? "" : " " + first.suggestion());
            return Optional.of(new ConfigWarning(first.location(), message));
        }
        List<String> parts = new ArrayList<>();
        for (Key key : sorted) {
            StringBuilder part = new StringBuilder(key.location().field());
            part.append(" (line ").append(key.location().line());
            if (!key.suggestion().isEmpty()) part.append(", ").append(strip(key.suggestion()));
            parts.add(part.append(')').toString());
        }
        SourceLocation at = first.location().withField(null);
        return Optional.of(
                new ConfigWarning(at, sorted.size() + " unknown keys, ignored: " + String.join(", ", parts)));
    }

    private List<Key> sorted() {
        // Written out: Comparator.comparing makes its lambdas at run time, which the start-up cache cannot hold.
        return keys.stream()
                .sorted((a, b) -> {
                    int byLine =
                            Integer.compare(a.location().line(), b.location().line());
                    return byLine != 0
                            ? byLine
                            : Integer.compare(
                                    a.location().column(), b.location().column());
                })
                .toList();
    }

    /** "(did you mean "model"?)" without its parentheses, for use inside a list. */
    private static String strip(String suggestion) {
        return suggestion.startsWith("(") && suggestion.endsWith(")")
                ? suggestion.substring(1, suggestion.length() - 1)
                : suggestion;
    }
}
