package dev.marble.bench;

import dev.marble.cli.CliContext;
import dev.marble.cli.MarbleCli;
import dev.marble.config.Environment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A chain home (chains/, state/, logs/) in a folder of its own, with a home folder and an environment that hold
 * only what the harness puts there, and {@code marble chain start} run in it in-process through the real command
 * tree ({@link MarbleCli#run}), as {@code ./marble} runs it less the JVM's start.
 */
final class ChainHomeRig {

    /** What one start came to: its exit code, its wall time, and what it printed (for a failure's message). */
    record Start(int exit, long nanos, String out, String err) {}

    private final Path root;
    private final Path home;
    private final Map<String, String> variables = new HashMap<>();

    ChainHomeRig(Path folder) throws IOException {
        this.root = Files.createDirectories(folder.resolve("chain-home"));
        this.home = Files.createDirectories(folder.resolve("user-home"));
        variables.put("OLLAMA_HOST", "127.0.0.1:9"); // no Ollama is probed, whatever runs on this machine
    }

    Path root() {
        return root;
    }

    /** Sets (or, with null, removes) a variable of the environment Marble and its links see. */
    ChainHomeRig variable(String name, String value) {
        if (value == null) variables.remove(name);
        else variables.put(name, value);
        return this;
    }

    /** The environment a link's process gets: Marble passes its own on, less CLAUDECODE. */
    Map<String, String> linkEnvironment() {
        Map<String, String> env = new HashMap<>(variables);
        env.remove("CLAUDECODE");
        return env;
    }

    Path write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    /** {@code marble chain start NAME [--reset]}; its console output goes to memory, as to a pipe nobody reads. */
    Start start(String chain, boolean reset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(
                new Environment(variables, root, home),
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false,
                false);
        List<String> args = reset ? List.of("chain", "start", chain, "--reset") : List.of("chain", "start", chain);
        long start = System.nanoTime();
        int exit = MarbleCli.run(context, args.toArray(String[]::new));
        long nanos = System.nanoTime() - start;
        return new Start(exit, nanos, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The round the chain's state says it has completed. */
    int round(String chain) throws IOException {
        return Integer.parseInt(
                Files.readString(root.resolve("state").resolve(chain).resolve("round_counter.txt"))
                        .strip());
    }

    /** Starts the chain and fails loudly unless it ran to its max rounds: a figure from a broken run means nothing. */
    Start startChecked(String chain, boolean reset, int expectedRound) throws IOException {
        Start start = start(chain, reset);
        if (start.exit() != 0 || round(chain) != expectedRound) {
            throw new IllegalStateException("marble chain start " + chain + " exited " + start.exit() + " at round "
                    + round(chain) + ", expected 0 at round " + expectedRound + ": " + tail(start.err() + start.out()));
        }
        return start;
    }

    private static String tail(String text) {
        String flat = text.strip();
        return flat.length() > 600 ? "…" + flat.substring(flat.length() - 600) : flat;
    }
}
