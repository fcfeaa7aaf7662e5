package dev.marble.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * N agent runs at once, each on a virtual thread of its own, against the fake OpenAI server with a latency L
 * before every answer. Every run is {@link RunShape}: three model calls and two tool calls, so no run can finish
 * before 3 × L, the physical floor. Reports per trial the wall time for all N runs, its ratio to the floor,
 * per-run times, errors, requests and new connections, and CPU time (client and server apart unless the server
 * runs in this JVM). The first trial (w1) of the first framework is cold: the JIT has not compiled the path yet and
 * no connection is open (a later framework's first trial finds the JDK's classes warm, but opens its own
 * connections). Later trials reuse the connections (the JDK client keeps idle ones for 30 s); it takes about ten
 * trials of 1,000 runs for the JIT to settle, hence the warm-up trials.
 *
 * <pre>
 * build/bench.sh --load [--framework marble,langchain4j,floor] [--runs 1000] [--latency-ms 200] [--warmup 10]
 *                       [--trials 6] [--pause-ms 500] [--journal] [--in-process] [--threads] [--jfr FILE]
 * </pre>
 * Frameworks: {@code marble}, {@code langchain4j}, and floors: {@code floor} (a bare JDK HttpClient sending
 * Marble's bodies, as Marble sends them: whole answers, since nobody watches the text; {@code floor-json}:
 * LangChain4j's), {@code floor-vt} and {@code floor-json-vt}
 * (the same with the client's executor on virtual threads),
 * {@code floor-raw} and {@code floor-raw-json} (blocking sockets, no HttpClient). Several, comma-separated,
 * alternate trial by trial in one JVM, against one server. {@code --warmup} trials are shown but not summarized.
 * {@code --jfr FILE} records the measured trials (CPU-time samples included); {@code --threads} lists the
 * platform threads alive at the end.
 * Marble runs without its journal unless {@code --journal}: this measures the engine.
 */
public final class AgentLoadHarness {

    private AgentLoadHarness() {}

    /** One trial's figures. */
    record Trial(
            long wallNanos,
            long[] runNanos,
            long lastStartNanos,
            int errors,
            Map<String, Integer> errorKinds,
            long requests,
            long connections,
            long toolCalls,
            long clientCpuNanos,
            long serverCpuNanos,
            long gcMillis,
            int peakThreads) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String framework = options.getOrDefault("framework", "marble,langchain4j,floor");
        int runs = Integer.parseInt(options.getOrDefault("runs", "1000"));
        Duration latency = Duration.ofMillis(Long.parseLong(options.getOrDefault("latency-ms", "200")));
        int trials = Integer.parseInt(options.getOrDefault("trials", "6"));
        long pauseMs = Long.parseLong(options.getOrDefault("pause-ms", "500"));
        boolean journal = options.containsKey("journal");
        boolean inProcess = options.containsKey("in-process");

        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
        List<String> frameworks = List.of(framework.split(","));

        Path project = Files.createTempDirectory("marble-load");
        Map<String, BenchAgent> agents = new LinkedHashMap<>();
        int code;
        try (BenchServer server = BenchServer.start(inProcess, latency)) {
            for (String name : frameworks) agents.put(name, agent(name, server.baseUrl(), project, journal));
            System.out.printf(
                    Locale.ROOT,
                    "%s, %d runs at once, latency %d ms, floor %d ms; Java %s, %d cores;" + " server %s%s%n",
                    String.join(" and ", frameworks),
                    runs,
                    latency.toMillis(),
                    latency.toMillis() * RunShape.MODEL_CALLS,
                    Runtime.version(),
                    Runtime.getRuntime().availableProcessors(),
                    server.where(),
                    journal ? "; journal on" : "");
            if (frameworks.size() > 1) System.out.println("trials alternate between them, in a rotating order");
            System.out.printf(
                    Locale.ROOT,
                    "%-12s %5s %8s %6s %8s %8s %8s %8s %6s %8s %6s %9s %9s %6s %7s%n",
                    "framework",
                    "trial",
                    "wall ms",
                    "ratio",
                    "p50 ms",
                    "p99 ms",
                    "max ms",
                    "start ms",
                    "errors",
                    "requests",
                    "conns",
                    "clientCPU",
                    "serverCPU",
                    "gc ms",
                    "threads");
            boolean failed = false;
            Map<String, List<Trial>> measured = new LinkedHashMap<>();
            jdk.jfr.Recording recording = null;
            for (int t = 1; t <= warmup + trials; t++) {
                if (t == warmup + 1 && options.containsKey("jfr")) recording = startRecording();
                for (int k = 0; k < frameworks.size(); k++) {
                    String name = frameworks.get((k + t - 1) % frameworks.size());
                    Trial trial = trial(agents.get(name), server, runs);
                    boolean warming = t <= warmup;
                    print(name, warming ? "w" + t : Integer.toString(t - warmup), trial, latency);
                    if (!warming)
                        measured.computeIfAbsent(name, n -> new ArrayList<>()).add(trial);
                    failed |= trial.errors() > 0
                            || trial.requests() != (long) RunShape.MODEL_CALLS * runs
                            || trial.toolCalls() != (long) RunShape.TOOL_CALLS * runs;
                    Thread.sleep(pauseMs);
                }
            }
            if (recording != null) {
                recording.dump(Path.of(options.get("jfr")));
                recording.close();
                System.out.println("JFR recording of the measured trials: " + options.get("jfr"));
            }
            summarize(measured, latency);
            code = failed ? 1 : 0;
            if (options.containsKey("threads")) printThreads();
        } finally {
            agents.values().forEach(BenchAgent::close);
            deleteQuietly(project);
        }
        System.exit(code); // the HTTP clients' threads would keep the JVM alive
    }

    /** Per framework, over the measured trials: the median wall time and its ratio to the floor, min and max. */
    private static void summarize(Map<String, List<Trial>> measured, Duration latency) {
        double floor = latency.toNanos() * (double) RunShape.MODEL_CALLS;
        measured.forEach((name, trials) -> {
            long[] walls = trials.stream().mapToLong(Trial::wallNanos).sorted().toArray();
            long[] cpu =
                    trials.stream().mapToLong(Trial::clientCpuNanos).sorted().toArray();
            long[] p50 = trials.stream()
                    .mapToLong(t -> percentile(t.runNanos(), 0.5))
                    .sorted()
                    .toArray();
            System.out.printf(
                    Locale.ROOT,
                    "%-12s median of %d: wall %.0f ms (%.2f × floor; min %.0f, max %.0f),"
                            + " run p50 %.0f ms, client CPU %.0f ms%n",
                    name,
                    walls.length,
                    ms(walls[walls.length / 2]),
                    walls[walls.length / 2] / floor,
                    ms(walls[0]),
                    ms(walls[walls.length - 1]),
                    ms(p50[p50.length / 2]),
                    ms(cpu[cpu.length / 2]));
        });
    }

    static BenchAgent agent(String framework, String baseUrl, Path project, boolean journal) {
        return switch (framework) {
            case "marble" -> new MarbleAgent(baseUrl, project, journal);
            case "langchain4j", "l4j" -> new LangChainAgent(baseUrl);
            case "floor" -> new FloorAgent(baseUrl, "marble", project, false);
            case "floor-json" -> new FloorAgent(baseUrl, "langchain4j", project, false);
            case "floor-vt" -> new FloorAgent(baseUrl, "marble", project, true);
            case "floor-json-vt" -> new FloorAgent(baseUrl, "langchain4j", project, true);
            case "floor-raw" -> new RawFloorAgent(baseUrl, FloorAgent.recordBodies("marble", project));
            case "floor-raw-json" -> new RawFloorAgent(baseUrl, FloorAgent.recordBodies("langchain4j", project));
            default ->
                throw new IllegalArgumentException(
                        "--framework marble, langchain4j, floor (Marble's bodies) or floor-json (LangChain4j's), not "
                                + framework);
        };
    }

    static Trial trial(BenchAgent agent, BenchServer server, int runs) throws InterruptedException {
        long[] starts = new long[runs];
        long[] ends = new long[runs];
        String[] errors = new String[runs];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        threads.resetPeakThreadCount();
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        BenchServer.Stats before = server.stats();
        long toolsBefore = agent.toolCalls();
        long gcBefore = gcMillis();
        long cpuBefore = os.getProcessCpuTime();
        CountDownLatch ready = new CountDownLatch(runs);
        CountDownLatch go = new CountDownLatch(1);
        long t0;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < runs; i++) {
                int run = i;
                executor.submit(() -> {
                    ready.countDown();
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        errors[run] = "interrupted before start";
                        return;
                    }
                    starts[run] = System.nanoTime();
                    try {
                        errors[run] = agent.run();
                    } catch (Throwable failure) {
                        errors[run] = failure.getClass().getSimpleName() + ": " + failure.getMessage();
                    }
                    ends[run] = System.nanoTime();
                });
            }
            ready.await();
            t0 = System.nanoTime();
            go.countDown();
        } // close() waits for every run
        long cpu = os.getProcessCpuTime() - cpuBefore;
        long gc = gcMillis() - gcBefore;
        BenchServer.Stats after = server.stats();
        long wall = Arrays.stream(ends).max().orElse(t0) - t0;
        long lastStart = Arrays.stream(starts).max().orElse(t0) - t0;
        long[] runNanos = new long[runs];
        int failed = 0;
        Map<String, Integer> kinds = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            runNanos[i] = ends[i] - starts[i];
            if (errors[i] != null) {
                failed++;
                kinds.merge(errors[i].length() > 160 ? errors[i].substring(0, 160) : errors[i], 1, Integer::sum);
            }
        }
        Arrays.sort(runNanos);
        long serverCpu = after.cpuNanos() < 0 ? -1 : after.cpuNanos() - before.cpuNanos();
        return new Trial(
                wall,
                runNanos,
                lastStart,
                failed,
                kinds,
                after.requests() - before.requests(),
                after.connections() - before.connections(),
                agent.toolCalls() - toolsBefore,
                cpu,
                serverCpu,
                gc,
                threads.getPeakThreadCount());
    }

    private static void print(String framework, String t, Trial trial, Duration latency) {
        double floor = latency.toNanos() * (double) RunShape.MODEL_CALLS;
        long[] runs = trial.runNanos();
        System.out.printf(
                Locale.ROOT,
                "%-12s %5s %8.0f %6.2f %8.0f %8.0f %8.0f %8.0f %6d %8d %6d %9s %9s %6d %7d%n",
                framework,
                t,
                ms(trial.wallNanos()),
                floor == 0 ? Double.NaN : trial.wallNanos() / floor,
                ms(percentile(runs, 0.50)),
                ms(percentile(runs, 0.99)),
                ms(runs[runs.length - 1]),
                ms(trial.lastStartNanos()),
                trial.errors(),
                trial.requests(),
                trial.connections(),
                String.format(Locale.ROOT, "%.0f ms", ms(trial.clientCpuNanos())),
                trial.serverCpuNanos() < 0
                        ? "in client"
                        : String.format(Locale.ROOT, "%.0f ms", ms(trial.serverCpuNanos())),
                trial.gcMillis(),
                trial.peakThreads());
        if (trial.toolCalls() != (long) RunShape.TOOL_CALLS * runs.length) {
            System.out.printf(
                    Locale.ROOT,
                    "      tool calls: %d, expected %d%n",
                    trial.toolCalls(),
                    (long) RunShape.TOOL_CALLS * runs.length);
        }
        trial.errorKinds().forEach((error, count) -> System.out.printf(Locale.ROOT, "      %d × %s%n", count, error));
    }

    /**
     * JFR's "profile" settings plus CPU-time sampling (every 1 ms of CPU, all threads, the carriers of
     * virtual threads included), for the measured trials only.
     */
    static jdk.jfr.Recording startRecording() throws Exception {
        jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        try {
            recording.enable("jdk.CPUTimeSample").with("throttle", "1 ms");
        } catch (RuntimeException olderJdk) {
            // before JDK 25 there is no CPU-time sampler; jdk.ExecutionSample (in "profile") remains
        }
        recording.start();
        return recording;
    }

    /** The platform threads alive now, by name with the numbers taken out. */
    private static void printThreads() {
        Map<String, Integer> names = new TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            names.merge(thread.getName().replaceAll("[0-9]+", "N"), 1, Integer::sum);
        }
        System.out.println("platform threads alive: " + names);
    }

    static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /** {@code --name value} and bare {@code --flag}s. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument: " + args[i]);
            String name = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(name, args[++i]);
            } else {
                options.put(name, "");
            }
        }
        return options;
    }

    static void deleteQuietly(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }
}
