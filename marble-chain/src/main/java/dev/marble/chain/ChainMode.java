package dev.marble.chain;

import java.util.Locale;
import java.util.Optional;

/**
 * How a chain ends. llmauto treated any unknown word as {@code loop}; Marble rejects it in the
 * loader (a typo such as {@code "onse"} would otherwise run a one-pass chain forever).
 */
public enum ChainMode {
    /** Rounds repeat until a shutdown condition fires. */
    LOOP,
    /** One pass over the links, then the chain is {@code COMPLETED}. */
    ONCE,
    /** llmauto's synonym of {@link #ONCE}; kept distinct so that status output can echo the file. */
    DEADEND;

    /** The word used in chain files. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the chain stops after one full pass over its links. */
    public boolean singlePass() {
        return this != LOOP;
    }

    public static Optional<ChainMode> fromWire(String word) {
        for (ChainMode mode : values()) {
            if (mode.wireName().equals(word)) return Optional.of(mode);
        }
        return Optional.empty();
    }
}
