package dev.marble.cli;

import dev.marble.config.Environment;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The {@code marble} executable. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        CliContext context = new CliContext(
                Environment.system(),
                System.in,
                out,
                err,
                Terminals.isTerminal(0),
                Terminals.isTerminal(1),
                Terminals.isTerminal(2));
        // Exit explicitly: provider threads (HTTP client, process readers) must not keep a finished command alive.
        System.exit(run(context, args));
    }

    /** Runs one command with Ctrl+C handled; {@link StartupTraining} comes in here too, so its path is trained. */
    static int run(CliContext context, String... args) {
        InterruptHandler.install(Thread.currentThread(), context.err());
        int code = MarbleCli.run(context, args);
        context.out().flush();
        context.err().flush();
        return code;
    }
}
