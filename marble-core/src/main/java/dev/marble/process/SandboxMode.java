package dev.marble.process;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** {@code sandbox} in marble.json and {@code --sandbox} on the command line. */
public enum SandboxMode {
    /** bubblewrap where it works here, else no sandbox, said once. */
    AUTO,
    /** bubblewrap, and an error where it cannot run. */
    BWRAP,
    /** No sandbox: commands run with the user's own access (the other guards still apply). */
    OFF;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SandboxMode> parse(String text) {
        return Arrays.stream(values())
                .filter(mode -> mode.wireName().equals(text))
                .findFirst();
    }
}
