package dev.marble.chain;

import java.time.Duration;
import java.util.List;

/**
 * A chain's {@code defaults} object: settings for every link that does not set its own. Each
 * component is null when the chain leaves it to the global configuration. llmauto read these from
 * its documentation but never from the file; Marble honours them.
 */
public record ChainDefaults(
        String model, String fallbackModel, Duration timeout, String permissionMode, List<String> allowedTools) {

    /** A chain without a {@code defaults} object. */
    public static final ChainDefaults NONE = new ChainDefaults(null, null, null, null, null);

    public ChainDefaults {
        allowedTools = allowedTools == null ? null : List.copyOf(allowedTools);
    }
}
