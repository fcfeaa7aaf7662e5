package dev.marble.bench;

import dev.marble.cli.CliContext;
import dev.marble.cli.MarbleCli;
import dev.marble.config.Environment;
import dev.marble.store.ChainHistory;
import dev.marble.store.Journal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;

/**
 * {@code build/bench.sh --journal [--calls N] [--dir DIR] [--runs N]}: writes a journal of N model calls (1,000,000 by
 * default; kept in DIR and reused when it is there) with {@link JournalGenerator}, prints the query plan SQLite picks
 * for each query of {@link ChainHistory}, then times {@code marble logs --chain NAME} (and its {@code --json},
 * {@code --failed}, {@code --model} and {@code -n 1000} forms, and {@code chain report}) run in-process through the real command tree, as
 * {@code ./marble} runs it less the JVM's start: each the median and the slowest of N runs after two warm-ups.
 */
public final class ChainLogsBench {

    private ChainLogsBench() {}

    public static void main(String[] args) throws Exception {
        long calls = 1_000_000;
        Path dir = Path.of("target/journal-bench");
        int runs = 15;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--calls" -> calls = Long.parseLong(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default ->
                    throw new IllegalArgumentException(
                            "unknown option " + args[i] + " (--calls N, --dir DIR, --runs N)");
            }
        }
        Path project = Files.createDirectories(dir.resolve("project-" + calls));
        Files.createDirectories(project.resolve("chains"));
        for (String chain : JournalGenerator.CHAINS) {
            // chain report reads the chain's file for max_rounds; the links' prompts are never run
            Files.writeString(project.resolve("chains").resolve(chain + ".json"), """
                    {"max_rounds": 2000, "links": [{"name": "link0", "model": "anthropic:claude-sonnet-4-6",
                      "prompt": "Do the next part of the work."}]}
                    """);
        }
        Path journal = project.resolve(".marble").resolve(Journal.FILE_NAME);
        if (!Files.exists(journal)) {
            long start = System.nanoTime();
            long written = new JournalGenerator(calls).write(journal);
            System.out.printf(
                    Locale.ROOT,
                    "wrote %,d calls to %s in %.1f s (%,d MB)%n",
                    written,
                    journal,
                    (System.nanoTime() - start) / 1e9,
                    Files.size(journal) / 1_000_000);
        } else {
            System.out.println("reusing " + journal);
        }
        try (Journal open = Journal.openFile(journal)) {
            System.out.println("\nQuery plans (EXPLAIN QUERY PLAN):");
            new ChainHistory(open).plans().forEach((sql, steps) -> {
                System.out.println("  " + sql.replaceAll("\\s+", " "));
                steps.forEach(step -> System.out.println("      " + step));
            });
        }
        System.out.println();
        String chain = JournalGenerator.CHAINS[0];
        List<List<String>> commands = List.of(
                List.of("logs", "--chain", chain),
                List.of("logs", "--chain", chain, "--json"),
                List.of("logs", "--chain", chain, "--failed", "-n", "100"),
                List.of("logs", "--chain", chain, "--model", "qwen3", "--since", "2026-01-02"),
                List.of("logs", "--chain", chain, "-n", "1000"),
                List.of("chain", "report", chain, "--json", "-q"));
        for (List<String> command : commands) time(project, command, runs);
    }

    private static void time(Path project, List<String> command, int runs) {
        List<Long> nanos = new ArrayList<>();
        int lines = 0;
        for (int i = 0; i < runs + 2; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            CliContext context = new CliContext(
                    new Environment(new HashMap<>(), project, project.resolve("home")),
                    new ByteArrayInputStream(new byte[0]),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    false,
                    false);
            long start = System.nanoTime();
            int exit = MarbleCli.run(context, command.toArray(String[]::new));
            long took = System.nanoTime() - start;
            if (exit != 0) throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ": " + err);
            if (i >= 2) nanos.add(took);
            lines = (int) out.toString(StandardCharsets.UTF_8).lines().count();
        }
        Collections.sort(nanos);
        System.out.printf(
                Locale.ROOT,
                "marble %-58s median %6.1f ms  slowest %6.1f ms  (%d lines)%n",
                String.join(" ", command),
                nanos.get(nanos.size() / 2) / 1e6,
                nanos.getLast() / 1e6,
                lines);
    }
}
