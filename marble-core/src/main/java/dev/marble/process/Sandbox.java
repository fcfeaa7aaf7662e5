package dev.marble.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Where a command runs: inside bubblewrap, or with the user's own access (and why). */
public sealed interface Sandbox {

    /** Whether commands are confined. */
    boolean active();

    /** One line for people: what the sandbox is, or why there is none. */
    String describe();

    /**
     * bubblewrap: the workspace writable, the rest of the file system read-only, {@code hidden} paths replaced by
     * empty ones, a private {@code /tmp}, a PID namespace that dies with the command and with Marble, and the
     * network {@code network} allows.
     *
     * @param hidden absolute paths of secrets (directories and files) the command must not see; those that do not
     *               exist are ignored
     */
    record Bwrap(Path executable, NetworkAccess network, List<Path> hidden) implements Sandbox {
        public Bwrap {
            Objects.requireNonNull(executable, "executable");
            Objects.requireNonNull(network, "network");
            hidden = List.copyOf(hidden);
        }

        @Override
        public boolean active() {
            return true;
        }

        @Override
        public String describe() {
            return "bwrap (" + executable + "), network " + network.wireName();
        }
    }

    /** No sandbox, for {@code reason}. */
    record None(String reason) implements Sandbox {
        public None {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean active() {
            return false;
        }

        @Override
        public String describe() {
            return "not sandboxed: " + reason;
        }
    }
}
