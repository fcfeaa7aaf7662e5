package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.error.UsageException;
import dev.marble.process.SandboxMode;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --sandbox auto|bwrap|off}, which every command that runs tools takes: where shell commands run. */
final class SandboxOption {

    @Option(
            names = "--sandbox",
            paramLabel = "MODE",
            description = "Where shell commands run: auto (bubblewrap where"
                    + " it works, else unconfined, said once), bwrap (bubblewrap or an error), off. Default: "
                    + "marble.json's"
                    + " sandbox, else auto.")
    String mode;

    /** The flag as given, null when it was not. */
    SandboxMode mode() {
        if (mode == null) return null;
        return SandboxMode.parse(mode)
                .orElseThrow(() -> new UsageException("--sandbox: expected auto, bwrap or off, got '" + mode + "'"));
    }

    /** The flag again, for a command this one starts (a chain run in the background); empty when not given. */
    List<String> passedOn() {
        return mode == null ? List.of() : List.of("--sandbox", mode().wireName());
    }

    /**
     * Applies the flag to {@code marble}. When bubblewrap is required, the sandbox is chosen now, so that one that
     * cannot be had stops the command before anything runs; otherwise it is chosen when the first shell command
     * runs (and a run that never runs one hears nothing about it).
     */
    void apply(Marble marble) {
        SandboxMode flag = mode();
        if (flag != null) marble.sandboxMode(flag);
        if (marble.sandboxSettings().mode().value() == SandboxMode.BWRAP) marble.sandbox();
    }
}
