package dev.marble.bench;

import dev.marble.cli.CliContext;
import dev.marble.cli.MarbleCli;
import dev.marble.config.Environment;
import dev.marble.store.ChainHistory;
import dev.marble.store.Journal;
import dev.marble.ui.Dashboard;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * {@code ./marble} runs it less the JVM's start: each the median and the slowest of N runs after two warm-ups, and the
 * median CPU time of the thread that ran it (what it costs whatever else shares the machine). Then
 * {@code marble ui} on the same journal: a chain's page, its {@code /api/} JSON and the chains page over loopback
 * HTTP, timed the same way.
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
        dashboard(project, chain, runs);
        // marble ui serves until the process ends; its threads are not this benchmark's to stop one by one.
        System.exit(0);
    }

    /**
     * {@code marble ui} started through the real command tree (in a daemon thread: it serves until the process
     * ends), then the chain's page, its JSON, the chains page, the runs page and two searches fetched over loopback
     * HTTP, each timed whole: the
     * request, the journal's queries, the page's rendering and the response read to its end.
     */
    private static void dashboard(Path project, String chain, int runs) throws Exception {
        java.io.PipedInputStream lines = new java.io.PipedInputStream();
        PrintStream out = new PrintStream(new java.io.PipedOutputStream(lines), true, StandardCharsets.UTF_8);
        CliContext context = new CliContext(
                new Environment(new HashMap<>(), project, project.resolve("home")),
                new ByteArrayInputStream(new byte[0]),
                out,
                new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8),
                false,
                false);
        Thread.ofPlatform().daemon().start(() -> MarbleCli.run(context, "ui", "--port", "0"));
        String banner =
                new java.io.BufferedReader(new java.io.InputStreamReader(lines, StandardCharsets.UTF_8)).readLine();
        java.util.regex.Matcher address =
                java.util.regex.Pattern.compile("http://[^ /]+").matcher(banner == null ? "" : banner);
        if (!address.find()) throw new IllegalStateException("marble ui printed no address: " + banner);
        URI base = URI.create(address.group());
        System.out.println();
        System.out.println("marble ui at " + base + " (" + Dashboard.CHAIN_LINKS + " links on a chain's page):");
        HttpClient client = HttpClient.newHttpClient();
        // The server answers on threads of its own: the whole process's CPU time (server, client and collector, and
        // nothing else runs in it now) is what a request costs when other processes share the cores.
        var process = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        // The runs page and two searches: one that many runs match (it stops at the page's 100), one that none
        // does (it reads every run of the journal: a text search has no index to use).
        for (String path : List.of(
                "/chains/" + chain,
                "/api/chains/" + chain,
                "/",
                "/runs",
                "/runs?q=" + chain,
                "/runs?q=no-run-says-this")) {
            List<Long> nanos = new ArrayList<>();
            List<Long> cpu = new ArrayList<>();
            int bytes = 0;
            for (int i = 0; i < runs + 2; i++) {
                long cpuStart = process.getProcessCpuTime();
                long start = System.nanoTime();
                HttpResponse<byte[]> response = client.send(
                        HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
                long took = System.nanoTime() - start;
                long cpuTook = process.getProcessCpuTime() - cpuStart;
                if (response.statusCode() != 200)
                    throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
                if (i >= 2) {
                    nanos.add(took);
                    cpu.add(cpuTook);
                }
                bytes = response.body().length;
            }
            Collections.sort(nanos);
            Collections.sort(cpu);
            System.out.printf(
                    Locale.ROOT,
                    "GET %-56s median %6.1f ms  slowest %6.1f ms  cpu %6.1f ms  (%,d bytes)%n",
                    path,
                    nanos.get(nanos.size() / 2) / 1e6,
                    nanos.getLast() / 1e6,
                    cpu.get(cpu.size() / 2) / 1e6,
                    bytes);
        }
    }

    private static void time(Path project, List<String> command, int runs) {
        List<Long> nanos = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        // The command runs on this thread: its CPU time says what it costs when other processes share the cores.
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
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
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            int exit = MarbleCli.run(context, command.toArray(String[]::new));
            long took = System.nanoTime() - start;
            long cpuTook = threads.getCurrentThreadCpuTime() - cpuStart;
            if (exit != 0) throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ": " + err);
            if (i >= 2) {
                nanos.add(took);
                cpu.add(cpuTook);
            }
            lines = (int) out.toString(StandardCharsets.UTF_8).lines().count();
        }
        Collections.sort(nanos);
        Collections.sort(cpu);
        System.out.printf(
                Locale.ROOT,
                "marble %-58s median %6.1f ms  slowest %6.1f ms  cpu %6.1f ms  (%d lines)%n",
                String.join(" ", command),
                nanos.get(nanos.size() / 2) / 1e6,
                nanos.getLast() / 1e6,
                cpu.get(cpu.size() / 2) / 1e6,
                lines);
    }
}
