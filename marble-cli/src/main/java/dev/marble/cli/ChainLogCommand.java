package dev.marble.cli;

import dev.marble.chain.run.ChainLog;
import dev.marble.error.MarbleException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code marble chain log NAME [N] [-f]}: the last N lines of the chain's log, and with -f what follows. */
@Command(name = "log", description = "Show the end of a chain's log (logs/NAME.log); -f follows it.")
final class ChainLogCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The chain.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "N", defaultValue = "20", description = "Lines (default ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = {"-f", "--follow"}, description = "Keep printing lines as they are written, until Ctrl+C.")
    boolean follow;

    @Mixin
    ChainHomeOption home;

    ChainLogCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        String chain = ChainNames.of(name);
        Path file = ChainLog.file(home.resolve(context).logs(), chain);
        if (!Files.isRegularFile(file) && !follow) {
            context.out().println("No log for " + chain + " yet (" + file + ").");
            return ExitCodes.OK;
        }
        long position = 0;
        try {
            if (Files.isRegularFile(file)) {
                List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
                all.subList(Math.max(0, all.size() - Math.max(0, lines)), all.size()).forEach(context.out()::println);
                position = Files.size(file);
            }
            while (follow && !Thread.currentThread().isInterrupted()) {
                position = printFrom(file, position);
                Thread.sleep(250);
            }
        } catch (IOException e) {
            throw new MarbleException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException stopped) {
            return ExitCodes.OK; // Ctrl+C ends following; that is how -f is meant to end
        }
        return ExitCodes.OK;
    }

    private long printFrom(Path file, long position) throws IOException {
        if (!Files.isRegularFile(file)) return position;
        long size = Files.size(file);
        if (size < position) position = 0; // truncated or replaced: start over
        if (size == position) return position;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(position);
            byte[] bytes = new byte[(int) (size - position)];
            in.readFully(bytes);
            context.out().print(new String(bytes, StandardCharsets.UTF_8));
            context.out().flush();
        }
        return size;
    }
}
