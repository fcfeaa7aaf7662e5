package dev.marble.cli;

import dev.marble.config.Environment;
import dev.marble.provider.ProviderCatalog;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The {@code marble} executable. */
public final class Main {

    static {
        // picocli looks for Groovy on the class path before the first command line (Groovy closures in annotations).
        // The miss opens Marble's jar and reads its directory of 9,000 entries, which marble --version and chain
        // status otherwise never open (their classes come from the start-up cache); Marble has no Groovy.
        System.setProperty("picocli.disable.closures", "true");
    }

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
        int code = run(context, args);
        // A command that succeeded with no other thread left ends by returning: System.exit would first look for a
        // System.Logger on the class path (JDK 21 logs every exit), which opens Marble's jar and reads its directory
        // of 9,000 entries, a few per cent of a short command's start. Otherwise exit explicitly: provider threads
        // (HTTP client, process readers) must not keep a finished command alive, and only exit sets the code.
        if (code != 0 || !aloneAmongUserThreads()) System.exit(code);
    }

    /** Whether no thread but this one would keep the JVM alive once {@code main} returns. */
    static boolean aloneAmongUserThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) root = root.getParent();
        Thread[] threads = new Thread[root.activeCount() + 16];
        int count = root.enumerate(threads, true);
        if (count == threads.length) return false; // more than it could list: not sure, so exit
        for (int i = 0; i < count; i++) {
            if (threads[i] != Thread.currentThread() && !threads[i].isDaemon()) return false;
        }
        return true;
    }

    /** Runs one command with Ctrl+C handled; {@link StartupTraining} comes in here too, so its path is trained. */
    static int run(CliContext context, String... args) {
        ProviderCatalog.declareFactories(CliProviders.all());
        InterruptHandler.install(Thread.currentThread(), context.err());
        int code = MarbleCli.run(context, args);
        context.out().flush();
        context.err().flush();
        return code;
    }
}
