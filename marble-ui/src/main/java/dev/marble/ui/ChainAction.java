package dev.marble.ui;

import java.util.Arrays;
import java.util.Optional;

/** What the chain page's buttons ask for; each does what the CLI command of the same name does. */
public enum ChainAction {
    /** {@code marble chain stop NAME}: stop before the next link. */
    STOP("stop"),
    /** {@code marble chain stop --now NAME}: interrupt the running link as well. */
    STOP_NOW("stop-now"),
    /** {@code marble chain start --bg NAME}: start, or resume where it stopped, in the background. */
    START("start");

    private final String wireName;

    ChainAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ChainAction> ofWireName(String name) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst();
    }
}
