package dev.marble.cli;

import dev.marble.chain.state.StateDir;
import dev.marble.error.MarbleException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code marble chain log NAME [N] [-f]}: the last N lines of the chain's log, and with -f what follows, until the
 * chain's process ends (its lock is free) or Ctrl+C.
 */
@Command(
        name = "log",
        description = {
            "Show the end of a chain's log (logs/NAME.log).",
            "With -f, also what is written after, until the chain ends (or Ctrl+C)."
        },
        footer = {"  marble chain log nightly", "  marble chain log nightly 100", "  marble chain log nightly -f"})
final class ChainLogCommand implements Callable<Integer> {

    private static final long POLL_MILLIS = 250;

    private final CliContext context;

    @Parameters(
            index = "0",
            paramLabel = "NAME",
            description = "A chain in chains/ (NAME or NAME.json), or a path to a chain file.")
    String name;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "N",
            defaultValue = "20",
            description = "Lines (default ${DEFAULT-VALUE}).")
    int lines;

    @Option(
            names = {"-f", "--follow"},
            description = "Keep printing lines as they are written, until the chain ends.")
    boolean follow;

    @Mixin
    ChainHomeOption home;

    ChainLogCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        NamedChain chain = NamedChain.find(context, home.resolve(context), name);
        Path file = chain.log();
        StateDir state = chain.state();
        boolean running = ChainProcess.runningPid(state).isPresent();
        if (!Files.isRegularFile(file) && !(follow && running)) {
            context.out().println("No log for " + chain.name() + " yet (" + file + ").");
            return ExitCodes.OK;
        }
        // The log quotes link answers and provider errors: at a terminal they are shown, not obeyed.
        TerminalText shown = TerminalText.out(context);
        try {
            long position = 0;
            if (Files.isRegularFile(file)) {
                List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
                all.subList(Math.max(0, all.size() - Math.max(0, lines)), all.size())
                        .forEach(line -> context.out().println(shown.show(line)));
                position = Files.size(file);
            }
            if (follow && !running) {
                context.err().println("marble: " + chain.name() + " is not running; there is nothing to follow");
            }
            while (follow && running) {
                Thread.sleep(POLL_MILLIS);
                // Asked before reading, so the lines the chain wrote before it ended are all printed.
                running = ChainProcess.runningPid(state).isPresent();
                position = printFrom(file, position, shown);
            }
        } catch (IOException e) {
            throw new MarbleException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException stopped) {
            return ExitCodes.OK; // Ctrl+C ends following too
        }
        return ExitCodes.OK;
    }

    private long printFrom(Path file, long position, TerminalText shown) throws IOException {
        if (!Files.isRegularFile(file)) return position;
        long size = Files.size(file);
        if (size < position) position = 0; // truncated or replaced: start over
        if (size == position) return position;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(position);
            byte[] bytes = new byte[(int) (size - position)];
            in.readFully(bytes);
            context.out().print(shown.show(new String(bytes, StandardCharsets.UTF_8)));
            context.out().flush();
        }
        return size;
    }
}
