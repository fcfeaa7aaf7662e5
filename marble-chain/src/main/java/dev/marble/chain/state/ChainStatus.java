package dev.marble.chain.state;

import java.util.Optional;

/**
 * The runner's words for where a chain stands, as {@code status.txt} holds them. The words are llmauto's and stay
 * byte for byte as its users' scripts read them; code speaks the constants and turns them into words only where a
 * file is read or written ({@link #fileWord()}, {@link #fromFileWord(String)}).
 *
 * <p>{@code status.txt} belongs to the agents as well, and they write other words (DONE, APPROVED): those are no
 * status of this type. {@link StateDir#status()} still returns the word as written, for {@code status} to show,
 * and {@link StatusGuard} sets it back to RUNNING after a link.
 */
public enum ChainStatus {
    /** Reset: never started since. */
    READY,
    /** A start is under way (or crashed, when no process holds the lock). */
    RUNNING,
    /** A shutdown condition or a signal stopped it; an agent writing it asks the chain to stop. */
    STOPPED,
    /** An agent says every task is done: the chain stops, and stays stopped until a reset. */
    ALL_DONE,
    /** A single-pass chain ({@code once}, {@code deadend}) ran its round. */
    COMPLETED;

    /** The word in {@code status.txt}. */
    public String fileWord() {
        return name();
    }

    /** The status a word in {@code status.txt} names, compared exactly as llmauto did; empty for any other word. */
    public static Optional<ChainStatus> fromFileWord(String word) {
        for (ChainStatus status : values()) {
            if (status.fileWord().equals(word)) return Optional.of(status);
        }
        return Optional.empty();
    }
}
