package dev.marble.cli;

import dev.marble.config.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code marble version}, as llmauto has {@code llmauto version}: the same line as {@code marble --version}. */
@Command(
        name = "version",
        description = "Print Marble's version, as 'marble --version' does.",
        footer = {"  marble version", "  marble --version"})
final class VersionCommand implements Runnable {

    private final CliContext context;

    VersionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        for (String line : new Provider().getVersion()) context.out().println(line);
    }

    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"marble " + Version.VERSION + " (Java " + Runtime.version() + ")"};
        }
    }
}
