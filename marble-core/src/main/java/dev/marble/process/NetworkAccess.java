package dev.marble.process;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** {@code sandbox.network}: what a sandboxed command may reach. */
public enum NetworkAccess {
    /**
     * A network namespace of its own, with nothing in it but its own loopback interface (bubblewrap brings it
     * up): nothing outside the sandbox can be reached, not even servers on the machine's 127.0.0.1.
     */
    NONE,
    /**
     * The same as {@link #NONE} under bubblewrap, which always brings up the namespace's loopback: a command can
     * talk to servers it starts itself (a test suite's) and to nothing else. Named for what it promises.
     */
    LOOPBACK,
    /** The machine's own network, all of it: for commands that must download (the other limits still apply). */
    FULL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the command gets a network namespace of its own. */
    public boolean isolated() {
        return this != FULL;
    }

    public static Optional<NetworkAccess> parse(String text) {
        return Arrays.stream(values())
                .filter(access -> access.wireName().equals(text))
                .findFirst();
    }
}
