package dev.marble.temporal;

import dev.marble.api.DurableChainStart;
import dev.marble.api.DurableEngine;
import dev.marble.cli.CliContext;
import dev.marble.cli.MarbleCli;
import dev.marble.config.Environment;
import dev.marble.testkit.StandInClaude;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 17's benchmark, started by {@code build/bench.sh --temporal}: chains on Temporal's test server (standalone,
 * loopback, a JVM of its own) over 1, 2 and 4 {@code marble worker} processes (each a JVM of its own), every link
 * the stand-in {@code claude} that answers after {@code --latency-ms}.
 * <ol>
 *   <li>floor: the stand-in run directly, as a link runs it (bash, its agent's sleep, its JSON);</li>
 *   <li>per link, one chain at a time: 3 links × R rounds with {@code marble chain start} on the local engine
 *       (in-process through the real command tree) and on Temporal (one worker), interleaved sample by sample;
 *       Marble's added time per link is the chain's wall time per link less the floor's;</li>
 *   <li>throughput: C chains started at once on W workers of {@code --max-concurrent-links} each, for each W: wall
 *       time, links/s, each chain's time against its critical path (R × 3 × latency), the machine's load and busy
 *       CPU share while it ran, and how many links each worker ran.</li>
 * </ol>
 * It lives in marble-temporal's test sources, not in marble-bench, because it is made of the ITs' parts (the
 * loopback server, the worker's main, the stand-in) and needs the Temporal SDK and its test server, which
 * marble-bench's shaded jar should not carry. Exit codes: 0 measured, 1 a run went wrong, 2 a bad option.
 */
public final class TemporalChainBench {

    private static final String USAGE = "usage: bench.sh --temporal [--chains N] [--rounds N] [--latency-ms N]"
            + " [--workers 1,2,4] [--max-concurrent-links N] [--pin round-robin|first] [--samples N] [--warm-up CHAINS] [--dir DIR]";

    private static final List<String> LINKS = List.of("worker", "reviewer", "controller");

    record Options(
            int chains,
            int rounds,
            int latencyMs,
            List<Integer> workers,
            int maxLinks,
            boolean roundRobin,
            int samples,
            int warmUp,
            Path dir) {

        static Options parse(String[] args) {
            int chains = 50;
            int rounds = 2;
            int latency = 200;
            List<Integer> workers = List.of(1, 2, 4);
            int maxLinks = 1;
            int samples = 5;
            int warmUp = -1; // as many as --chains
            boolean roundRobin = true;
            Path dir = Path.of(System.getProperty("java.io.tmpdir"));
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) throw new IllegalArgumentException(flag + " needs a value; " + USAGE);
                String value = args[++i];
                switch (flag) {
                    case "--chains" -> chains = positive(flag, value);
                    case "--rounds" -> rounds = positive(flag, value);
                    case "--latency-ms" -> latency = positive(flag, value);
                    case "--max-concurrent-links" -> maxLinks = positive(flag, value);
                    case "--samples" -> samples = positive(flag, value);
                    case "--warm-up" -> warmUp = positive(flag, value); // chains for each worker
                    case "--dir" -> dir = Path.of(value);
                    case "--pin" -> {
                        if (!value.equals("round-robin") && !value.equals("first")) {
                            throw new IllegalArgumentException(
                                    "--pin: expected round-robin or first, got '" + value + "'");
                        }
                        roundRobin = value.equals("round-robin");
                    }
                    case "--workers" -> {
                        List<Integer> list = new ArrayList<>();
                        for (String part : value.split(",")) list.add(positive(flag, part.strip()));
                        workers = List.copyOf(list);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + flag + "; " + USAGE);
                }
            }
            return new Options(
                    chains, rounds, latency, workers, maxLinks, roundRobin, samples, warmUp < 0 ? chains : warmUp, dir);
        }

        private static int positive(String flag, String value) {
            try {
                int n = Integer.parseInt(value);
                if (n > 0) return n;
            } catch (NumberFormatException ignored) {
                // the message below says what was expected
            }
            throw new IllegalArgumentException(flag + ": expected a whole number above 0, got '" + value + "'");
        }

        int linksPerChain() {
            return rounds * LINKS.size();
        }
    }

    private final Options options;
    private final Path folder;
    private final PrintStream out;
    private TemporalServerProcess server;
    private int projects;

    private TemporalChainBench(Options options, Path folder, PrintStream out) {
        this.options = options;
        this.folder = folder;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out)); // the client's and Marble's threads would keep the JVM alive
    }

    static int run(String[] args, PrintStream out) {
        // Workers as marble worker runs them, not as the ITs do (C1 alone, 1 s long polls): what a link costs.
        System.setProperty(WorkerProcess.AS_DEPLOYED_PROPERTY, "true");
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException mistake) {
            out.println("temporal bench: " + mistake.getMessage());
            return 2;
        }
        Path folder;
        try {
            folder = Files.createTempDirectory(Files.createDirectories(options.dir()), "marble-temporal-bench");
        } catch (IOException e) {
            out.println("temporal bench: --dir " + options.dir() + ": cannot make a folder there: " + e.getMessage());
            return 2;
        }
        TemporalChainBench bench = new TemporalChainBench(options, folder, out);
        try {
            bench.measure();
            return 0;
        } catch (Exception failed) {
            out.println("FAILED: " + failed.getClass().getSimpleName() + ": " + failed.getMessage());
            out.println("(files kept in " + folder + ")");
            return 1;
        } finally {
            if (bench.server != null) bench.server.close();
        }
    }

    private void measure() throws Exception {
        StandInClaude.install(folder.resolve("bin"));
        Files.createDirectories(folder.resolve("home"));
        out.printf(
                Locale.ROOT,
                "machine: %d cores, load average %s; stand-in answers in %d ms; workers with marble worker's JVM"
                        + " options (full JIT, the SDK's long polls)%n",
                Runtime.getRuntime().availableProcessors(),
                loadAverage(),
                options.latencyMs());
        long started = System.nanoTime();
        server = TemporalServerProcess.start();
        out.printf(Locale.ROOT, "Temporal test server on %s (started in %.1f s)%n", server.address(), secs(started));
        perLink();
        throughput();
        deleteQuietly(folder);
    }

    // ---- part 1 and 2: the floor, and one chain at a time on each engine ------------------------------------

    private void perLink() throws Exception {
        Path local = project("local");
        Path temporal = project("perlink");
        chain(local, "solo");
        List<WorkerProcess> workers = startWorkers(temporal, 1, 1);
        try (DurableEngine.Connection connection = connect(temporal)) {
            int n = 0;
            double[] floor = new double[options.samples()];
            double[] localMs = new double[options.samples()];
            double[] temporalMs = new double[options.samples()];
            int links = options.linksPerChain();
            // Negative samples warm both engines up: the worker's JIT compiles for its first few hundred links, and
            // a fresh worker's link measured here would be its compiling, not what a link costs.
            int warmUps = Math.max(1, Math.min(options.warmUp(), 20));
            for (int s = -warmUps; s < options.samples(); s++) {
                double f = floorMs(local);
                String name = "solo" + (++n);
                chain(temporal, name);
                long t0 = System.nanoTime();
                String result = runToEnd(connection, temporal, name, 120);
                double tMs = (System.nanoTime() - t0) / 1e6 / links;
                check(name + " on Temporal", result);
                long l0 = System.nanoTime();
                startLocal(local, "solo");
                double lMs = (System.nanoTime() - l0) / 1e6 / links;
                if (s == options.samples() - 1) breakdown(connection, temporal, name);
                if (s >= 0) {
                    floor[s] = f;
                    localMs[s] = lMs;
                    temporalMs[s] = tMs;
                }
            }
            out.println();
            out.printf(
                    Locale.ROOT,
                    "one chain at a time, %d links (%d rounds × 3), %d samples, medians per link:%n",
                    links,
                    options.rounds(),
                    options.samples());
            double fl = median(floor);
            double lo = median(localMs);
            double te = median(temporalMs);
            out.printf(Locale.ROOT, "  floor (stand-in run directly)     %7.1f ms%n", fl);
            out.printf(
                    Locale.ROOT, "  local engine (marble chain start) %7.1f ms   added %6.1f ms/link%n", lo, lo - fl);
            out.printf(
                    Locale.ROOT, "  Temporal, 1 worker                %7.1f ms   added %6.1f ms/link%n", te, te - fl);
            out.printf(
                    Locale.ROOT,
                    "  samples: local %s, Temporal %s, floor %s (ms per link)%n",
                    list(localMs),
                    list(temporalMs),
                    list(floor));
        } finally {
            stop(workers);
        }
    }

    /**
     * Where a link's time went on Temporal, from the last sample's history (all its runs: rounds continue as new):
     * the link activity's own time, the other activities', the workflow tasks', and waits in between (task queues,
     * the server, the client's long polls), each per link.
     */
    private void breakdown(DurableEngine.Connection connection, Path project, String chain) {
        String id = dev.marble.temporal.chain.ChainRef.workflowId(project, chain);
        var client = ((TemporalConnection) connection).client();
        // Rounds continue as new: the runs, last first, linked by each start's previous run.
        List<io.temporal.api.history.v1.HistoryEvent> events = new ArrayList<>();
        var run = client.fetchHistory(id).getEvents();
        for (int guard = 0; guard < 1000; guard++) {
            events.addAll(0, run);
            String previous =
                    run.getFirst().getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
            if (previous.isEmpty()) break;
            run = client.fetchHistory(id, previous).getEvents();
        }
        Map<Long, String> types = new HashMap<>();
        Map<Long, Long> scheduledAt = new HashMap<>();
        Map<Long, Long> startedAt = new HashMap<>();
        Map<String, long[]> activities = new TreeMap<>(); // type -> {count, queued ns, run ns}
        long workflowTasks = 0;
        long workflowTaskWaits = 0; // scheduled to started: in the queue, until a worker's poll takes it
        long wfStarted = -1;
        long workflowTaskCount = 0;
        long first = nanos(events.getFirst().getEventTime());
        long last = nanos(events.getLast().getEventTime());
        long wfScheduled = -1;
        // what each workflow task answered: the event just before it was scheduled (an activity's end, a start...)
        Map<String, Integer> triggers = new TreeMap<>();
        List<String> each = new ArrayList<>(); // every workflow task: what it answered, its wait and its time
        String answered = null;
        io.temporal.api.history.v1.HistoryEvent before = null;
        for (var event : events) {
            if (event.hasWorkflowTaskScheduledEventAttributes() && before != null) {
                String why = before.getEventType().name().replace("EVENT_TYPE_", "");
                if (before.hasActivityTaskCompletedEventAttributes()) {
                    why += " "
                            + types.get(before.getActivityTaskCompletedEventAttributes()
                                    .getScheduledEventId());
                }
                triggers.merge(why, 1, Integer::sum);
                answered = why.replace("ACTIVITY_TASK_COMPLETED MarbleChain", "");
            }
            before = event;
            long at = nanos(event.getEventTime());
            if (event.hasActivityTaskScheduledEventAttributes()) {
                types.put(
                        event.getEventId(),
                        event.getActivityTaskScheduledEventAttributes()
                                .getActivityType()
                                .getName());
                scheduledAt.put(event.getEventId(), at);
            } else if (event.hasActivityTaskStartedEventAttributes()) {
                startedAt.put(event.getActivityTaskStartedEventAttributes().getScheduledEventId(), at);
            } else if (event.hasActivityTaskCompletedEventAttributes()) {
                long scheduled = event.getActivityTaskCompletedEventAttributes().getScheduledEventId();
                long started = startedAt.getOrDefault(scheduled, scheduledAt.get(scheduled));
                long[] a = activities.computeIfAbsent(types.get(scheduled), k -> new long[3]);
                a[0]++;
                a[1] += started - scheduledAt.get(scheduled);
                a[2] += at - started;
            } else if (event.hasWorkflowTaskScheduledEventAttributes()) {
                wfScheduled = at;
            } else if (event.hasWorkflowTaskStartedEventAttributes()) {
                wfStarted = at;
            } else if (event.hasWorkflowTaskCompletedEventAttributes() && wfScheduled >= 0) {
                workflowTasks += at - wfScheduled;
                if (wfStarted >= wfScheduled) workflowTaskWaits += wfStarted - wfScheduled;
                each.add(String.format(
                        Locale.ROOT,
                        "%s %.0f/%.0f",
                        answered,
                        (wfStarted - wfScheduled) / 1e6,
                        (at - wfScheduled) / 1e6));
                workflowTaskCount++;
            }
        }
        long links = activities.entrySet().stream()
                .filter(e -> e.getKey().endsWith("RunLink"))
                .mapToLong(e -> e.getValue()[0])
                .sum();
        if (links == 0) return;
        out.printf(
                Locale.ROOT,
                "  where a link's time went on Temporal (last sample, %d links, %d events, %.0f ms first to last):%n",
                links,
                events.size(),
                (last - first) / 1e6);
        long accounted = workflowTasks;
        for (var e : activities.entrySet()) {
            long[] a = e.getValue();
            accounted += a[1] + a[2];
            out.printf(
                    Locale.ROOT,
                    "    %-24s %2d× per link %4.1f   queued %6.1f ms/link   ran %6.1f ms/link%n",
                    e.getKey(),
                    a[0],
                    a[0] / (double) links,
                    a[1] / 1e6 / links,
                    a[2] / 1e6 / links);
        }
        out.printf(
                Locale.ROOT,
                "    workflow tasks           %2d× per link %4.1f   scheduled to completed %6.1f ms/link%n",
                workflowTaskCount,
                workflowTaskCount / (double) links,
                workflowTasks / 1e6 / links);
        out.printf(
                Locale.ROOT,
                "      of which waiting for a worker's poll                 %6.1f ms/link%n",
                workflowTaskWaits / 1e6 / links);
        out.printf(Locale.ROOT, "    workflow tasks after: %s%n", triggers);
        out.printf(Locale.ROOT, "    each (answered, ms waiting/ms in all): %s%n", String.join(", ", each));
        out.printf(
                Locale.ROOT,
                "    the rest (between tasks)               %6.1f ms/link%n",
                (last - first - accounted) / 1e6 / links);
    }

    private static long nanos(com.google.protobuf.Timestamp time) {
        return time.getSeconds() * 1_000_000_000L + time.getNanos();
    }

    /** The stand-in run directly once per link, as a link runs it: its mean wall time in ms. */
    private double floorMs(Path project) throws Exception {
        long t0 = System.nanoTime();
        int runs = LINKS.size();
        for (int i = 0; i < runs; i++) {
            ProcessBuilder builder = new ProcessBuilder(
                            folder.resolve("bin/claude").toString(), "-p", project.resolve("state/floor") + " x 1 9")
                    .directory(project.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            Files.createDirectories(project.resolve("state/floor"));
            builder.environment().putAll(environment());
            int exit = builder.start().waitFor();
            if (exit != 0) throw new IllegalStateException("the stand-in run directly exited " + exit);
        }
        return (System.nanoTime() - t0) / 1e6 / runs;
    }

    private void startLocal(Path project, String name) {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        CliContext context = new CliContext(
                new Environment(environment(), project, folder.resolve("home")),
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8),
                false,
                false);
        int exit = MarbleCli.run(context, new String[] {"chain", "start", name, "--reset"});
        if (exit != 0) {
            throw new IllegalStateException("marble chain start " + name + " (local) exited " + exit + ": "
                    + errBytes.toString(StandardCharsets.UTF_8).strip());
        }
    }

    // ---- part 3: many chains at once over 1, 2, 4 workers ------------------------------------------------------

    private void throughput() throws Exception {
        int links = options.chains() * options.linksPerChain();
        double critical = options.linksPerChain() * options.latencyMs() / 1000.0;
        out.println();
        out.printf(
                Locale.ROOT,
                "%d chains at once, %d links each (critical path %.1f s a chain), --max-concurrent-links %d a worker,"
                        + " chains pinned %s:%n",
                options.chains(),
                options.linksPerChain(),
                critical,
                options.maxLinks(),
                options.roundRobin() ? "round-robin" : "to the first worker to claim them");
        out.println(
                "  workers   wall s   links/s  vs first  ideal links/s  chain s (median/max)  busy CPU  load after  chains per worker");
        double first = 0;
        for (int count : options.workers()) {
            Path project = project("load" + count);
            for (int i = 1; i <= options.chains(); i++) chain(project, "c" + i);
            long w0 = System.nanoTime();
            List<WorkerProcess> workers = startWorkers(project, count, options.maxLinks());
            double startSecs = secs(w0);
            try (DurableEngine.Connection connection = connect(project)) {
                // Warm-up chains for each worker, as many as measured ones by default: a worker runs for days, and
                // its JIT compiles for its first few hundred links (a third of a fresh worker's CPU over 180 links,
                // async-profiler), each worker's for itself. Measured after it: steady state.
                int warmUps = options.warmUp() * count;
                for (int i = 1; i <= warmUps; i++) chain(project, "warm" + i);
                List<CompletableFuture<String>> warm = new ArrayList<>();
                for (int i = 1; i <= warmUps; i++) {
                    warm.add(startAsync(connection, project, "warm" + i, "w" + (1 + (i - 1) % count)));
                }
                for (var w : warm) check("a warm-up chain", w.get(600, TimeUnit.SECONDS));

                long[] cpu0 = cpuTicks();
                ProcessCpu spent0 = ProcessCpu.of(workers, server.pid());
                long t0 = System.nanoTime();
                List<CompletableFuture<String>> running = new ArrayList<>();
                double[] chainSecs = new double[options.chains()];
                for (int i = 1; i <= options.chains(); i++) {
                    int index = i - 1;
                    // Pinned mode: round-robin spreads the chains as a person with several machines would; "first"
                    // leaves each chain to the first worker that claims it from the shared queue.
                    String pin = options.roundRobin() ? "w" + (1 + index % count) : null;
                    running.add(startAsync(connection, project, "c" + i, pin).whenComplete((r, e) -> {
                        chainSecs[index] = (System.nanoTime() - t0) / 1e9;
                    }));
                }
                for (var r : running) check("a chain", r.get(600, TimeUnit.SECONDS));
                double wall = (System.nanoTime() - t0) / 1e9;
                long[] cpu1 = cpuTicks();
                ProcessCpu spent = ProcessCpu.of(workers, server.pid()).less(spent0);
                double busy = (cpu1[0] - cpu0[0]) / (double) Math.max(1, cpu1[1] - cpu0[1]);
                double rate = links / wall;
                if (first == 0) first = rate; // the first worker count's rate, 1 by default
                double ideal = count * options.maxLinks() * 1000.0 / options.latencyMs();
                java.util.Arrays.sort(chainSecs);
                out.printf(
                        Locale.ROOT,
                        "  %7d  %7.1f  %8.2f  %7.2f×  %13.1f  %8.2f / %6.2f  %7.0f%%  %10s  %s%n",
                        count,
                        wall,
                        rate,
                        rate / first,
                        ideal,
                        median(chainSecs),
                        chainSecs[chainSecs.length - 1],
                        busy * 100,
                        loadAverage().split(" ")[0],
                        perWorker(project));
                out.printf(
                        Locale.ROOT,
                        "           (%d worker JVMs started in %.1f s, before the clock)%n",
                        count,
                        startSecs);
                double busyMs = (cpu1[0] - cpu0[0]) * 1000.0 / TICKS_PER_SECOND;
                out.printf(
                        Locale.ROOT,
                        "           CPU ms a link: worker JVMs %.1f, the commands they ran %.1f, Temporal's server %.1f,"
                                + " this client %.1f, the rest of the machine %.1f%n",
                        spent.workers() / links,
                        spent.commands() / links,
                        spent.server() / links,
                        spent.client() / links,
                        (busyMs - spent.total()) / links);
            } finally {
                stop(workers);
            }
        }
    }

    /** Which worker held each measured chain (its links all run there: pinned mode), from the chains' logs. */
    private Map<String, Integer> perWorker(Path project) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        Pattern on = Pattern.compile("on worker [^@\\s]+@(w\\d+)");
        for (int i = 1; i <= options.chains(); i++) {
            Matcher m = on.matcher(Files.readString(project.resolve("logs/c" + i + ".log")));
            while (m.find()) counts.merge(m.group(1), 1, Integer::sum);
        }
        return counts;
    }

    // ---- parts ----------------------------------------------------------------------------------------------

    private Path project(String taskQueue) throws IOException {
        Path project = Files.createDirectories(folder.resolve("p" + (++projects) + "-" + taskQueue));
        Files.createDirectories(project.resolve("chains"));
        // A worker busy with its links is not a lost one: a long wait before a pinned chain would move.
        Files.writeString(project.resolve("marble.json"), """
                {"temporal": {"task_queue": "%s", "timeouts": {"heartbeat": 10, "schedule_to_start": 600}}}
                """.formatted(taskQueue));
        return project;
    }

    /** 3 links; the controller of the last round writes ALL_DONE, so both engines end the same way. */
    private void chain(Path project, String name) throws IOException {
        int rounds = options.rounds();
        Files.writeString(project.resolve("chains/" + name + ".json"), """
                {"max_rounds": %d, "links": [
                  {"name": "worker", "model": "sonnet", "prompt": "{STATE_DIR} worker {ROUND} %d"},
                  {"name": "reviewer", "model": "opus", "prompt": "{STATE_DIR} reviewer {ROUND} %d"},
                  {"name": "controller", "model": "haiku", "prompt": "{STATE_DIR} controller {ROUND} %d"}]}
                """.formatted(rounds, rounds, rounds, rounds));
    }

    /** What workers, the local engine and the floor give the stand-in: it sleeps, then plays the controller. */
    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", folder.resolve("bin") + ":/usr/bin:/bin");
        env.put("HOME", folder.resolve("home").toString());
        env.put("OLLAMA_HOST", "127.0.0.1:9");
        env.put(
                "STANDIN_CLAUDE_AGENT",
                "set -- $STANDIN_CLAUDE_PROMPT; sleep " + (options.latencyMs() / 1000.0) + ";"
                        + " if [ \"$2\" = controller ] && [ \"$3\" = \"$4\" ]; then echo ALL_DONE > \"$1/status.txt\"; fi");
        // MARBLE_TEMPORAL_STICKY=false in the bench's environment: workers without sticky execution, to compare
        String sticky = System.getenv("MARBLE_TEMPORAL_STICKY");
        if (sticky != null) env.put("MARBLE_TEMPORAL_STICKY", sticky);
        return env;
    }

    private List<WorkerProcess> startWorkers(Path project, int count, int maxLinks) throws Exception {
        List<CompletableFuture<WorkerProcess>> starting = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String name = "w" + i;
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return WorkerProcess.start(
                            server.address(), name, maxLinks, project, project.resolve(name + ".out"), environment());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        List<WorkerProcess> workers = new ArrayList<>();
        for (var worker : starting) workers.add(worker.get(120, TimeUnit.SECONDS));
        return workers;
    }

    private static void stop(List<WorkerProcess> workers) throws Exception {
        for (WorkerProcess worker : workers) worker.close();
    }

    private DurableEngine.Connection connect(Path project) {
        return server.connect(project, folder.resolve("home"));
    }

    private static String runToEnd(DurableEngine.Connection connection, Path project, String chain, int seconds)
            throws Exception {
        return startAsync(connection, project, chain, null).get(seconds, TimeUnit.SECONDS);
    }

    private static CompletableFuture<String> startAsync(
            DurableEngine.Connection connection, Path project, String chain, String worker) {
        String id = connection
                .chains()
                .start(new DurableChainStart(project, project.resolve("chains/" + chain + ".json"), chain, worker));
        return ((TemporalConnection) connection)
                .client()
                .newUntypedWorkflowStub(id)
                .getResultAsync(String.class);
    }

    private static void check(String what, String result) {
        if (!"ALL_DONE: ALL_TASKS_DONE".equals(result)) {
            throw new IllegalStateException(what + " ended " + result + ", not ALL_DONE: a figure would mean nothing");
        }
    }

    /** Busy and total CPU ticks of the whole machine, from /proc/stat. */
    /** /proc's clock ticks: 100 a second on Linux ({@code getconf CLK_TCK}). */
    private static final double TICKS_PER_SECOND = 100;

    /**
     * CPU ms spent by the workers' JVMs, by the commands they ran (their children, counted once reaped: the stand-in
     * and its sleep), by the server's JVM and by this JVM, from /proc/PID/stat.
     */
    record ProcessCpu(double workers, double commands, double server, double client) {

        static ProcessCpu of(List<WorkerProcess> workers, long serverPid) throws IOException {
            double own = 0;
            double children = 0;
            for (WorkerProcess worker : workers) {
                double[] w = ticks(Long.toString(worker.pid()));
                own += w[0];
                children += w[1];
            }
            return new ProcessCpu(own, children, ticks(Long.toString(serverPid))[0], ticks("self")[0]);
        }

        /** utime + stime, and cutime + cstime, in ms. */
        private static double[] ticks(String pid) throws IOException {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After "pid (comm) ": state is field 3, so utime (14) is f[11], stime f[12], cutime f[13], cstime f[14].
            return new double[] {
                (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / TICKS_PER_SECOND,
                (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 1000 / TICKS_PER_SECOND
            };
        }

        ProcessCpu less(ProcessCpu before) {
            return new ProcessCpu(
                    workers - before.workers,
                    commands - before.commands,
                    server - before.server,
                    client - before.client);
        }

        double total() {
            return workers + commands + server + client;
        }
    }

    private static long[] cpuTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length; i++) total += Long.parseLong(f[i]);
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total - idle, total};
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static double secs(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String list(double[] values) {
        StringBuilder text = new StringBuilder();
        for (double v : values) text.append(text.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.0f", v));
        return text.toString();
    }

    private static void deleteQuietly(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is no failure of the measurement
        }
    }
}
