package dev.marble.chain.run;

import dev.marble.chain.state.StateDir;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a chain start works: the folder its links run in, its state directory and its log. {@code marble chain}
 * and the library lay them out under one project ({@code state/NAME/}, {@code logs/NAME.log}).
 */
public record ChainPlace(Path workspace, StateDir state, ChainLog log) {

    public ChainPlace {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(log, "log");
    }
}
