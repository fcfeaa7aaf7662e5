package dev.marble.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.marble.testkit.FakeOpenAiServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Agent runs one at a time, with no latency, so that what each framework adds per run shows: {@link RunShape}
 * runs (three model calls, two tool calls) by
 * <ul>
 *   <li>{@code floor}: a bare JDK HttpClient sending the three bodies a Marble run sends (whole answers, as a run
 *       that nobody watches asks), the tool called inline between them ({@link FloorAgent});</li>
 *   <li>{@code marble}: one {@code Marble.agentRun} (no journal);</li>
 *   <li>{@code floor-json}: the same floor with the bodies LangChain4j sends (whole answers);</li>
 *   <li>{@code langchain4j}: one call of a LangChain4j {@code AiServices} proxy with one {@code @Tool}.</li>
 * </ul>
 * As in {@link PairedModelCalls}: in each round every subject makes the same number of runs, in a rotating
 * order, against one fake server in this JVM; the figures are medians over rounds of the time per run and of the
 * ratio to a floor in the same round. CPU per run is the process's (the fake's included) over all rounds. Run with
 * {@code build/bench.sh --agent-paired [ROUNDS] [RUNS_PER_ROUND]}.
 */
public final class PairedAgentRuns {

    private PairedAgentRuns() {}

    private record Subject(String name, BenchAgent agent) {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Path project = Files.createTempDirectory("marble-paired-agents");
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.keepRequests(0);
            server.respondWith(RunShape.RESPONDER);
            List<Subject> subjects = List.of(
                    new Subject("floor", new FloorAgent(server.baseUrl(), "marble", project, false)),
                    new Subject("marble", new MarbleAgent(server.baseUrl(), project, false)),
                    new Subject("floor-json", new FloorAgent(server.baseUrl(), "langchain4j", project, false)),
                    new Subject("langchain4j", new LangChainAgent(server.baseUrl())));
            for (int warm = 0; warm < 3; warm++) {
                for (Subject subject : subjects)
                    for (int i = 0; i < 1000; i++)
                        check(subject, subject.agent().run());
            }
            long[] requests = new long[subjects.size()];
            long[] toolsBefore =
                    subjects.stream().mapToLong(s -> s.agent().toolCalls()).toArray();
            double[][] micros = new double[subjects.size()][rounds];
            long[] cpuNanos = new long[subjects.size()];
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < subjects.size(); k++) {
                    int index = (k + round) % subjects.size();
                    Subject subject = subjects.get(index);
                    int requestsBefore = server.requestCount();
                    long cpu = os.getProcessCpuTime();
                    long start = System.nanoTime();
                    for (int i = 0; i < perRound; i++)
                        check(subject, subject.agent().run());
                    micros[index][round] = (System.nanoTime() - start) / 1000.0 / perRound;
                    cpuNanos[index] += os.getProcessCpuTime() - cpu;
                    requests[index] += server.requestCount() - requestsBefore;
                }
            }
            long runs = (long) rounds * perRound;
            System.out.printf(
                    Locale.ROOT,
                    "%d rounds of %d runs per subject, latency 0; Java %s, %d cores%n",
                    rounds,
                    perRound,
                    Runtime.version(),
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(
                    Locale.ROOT,
                    "model calls and tool calls per run: %s%n",
                    perRun(subjects, requests, toolsBefore, runs));
            double[] cpuMicros = Arrays.stream(cpuNanos)
                    .mapToDouble(nanos -> nanos / 1000.0 / runs)
                    .toArray();
            report(subjects, micros, cpuMicros);
            subjects.forEach(s -> s.agent().close());
        } finally {
            AgentLoadHarness.deleteQuietly(project);
        }
        System.exit(0); // the HTTP clients' threads would keep the JVM alive
    }

    /** What the fake counted and the tools counted, so that every subject is seen to make 3 and 2. */
    private static String perRun(List<Subject> subjects, long[] requests, long[] toolsBefore, long runs) {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < subjects.size(); k++) {
            if (k > 0) out.append(", ");
            out.append(String.format(
                    Locale.ROOT,
                    "%s %.2f and %.2f",
                    subjects.get(k).name(),
                    requests[k] / (double) runs,
                    (subjects.get(k).agent().toolCalls() - toolsBefore[k]) / (double) runs));
        }
        return out.toString();
    }

    private static void check(Subject subject, String error) {
        if (error != null) throw new IllegalStateException(subject.name() + ": " + error);
    }

    /** Subject k is compared with the floor that sends its own bodies: marble with floor, langchain4j with floor-json.
     * */
    private static void report(List<Subject> subjects, double[][] micros, double[] cpuMicros) {
        System.out.printf(
                Locale.ROOT,
                "%-12s %10s %14s %12s %-32s %18s %-30s%n",
                "subject",
                "µs per run",
                "µs per call",
                "CPU µs/run",
                "vs its floor, per run [quartiles]",
                "overhead µs/call",
                "vs floor-json [quartiles]");
        for (int k = 0; k < subjects.size(); k++) {
            int floor = k < 2 ? 0 : 2;
            String own = k == floor ? "(floor)" : ratio(micros[k], micros[floor]);
            String overhead = k == floor
                    ? ""
                    : String.format(
                            Locale.ROOT, "%.1f", median(difference(micros[k], micros[floor])) / RunShape.MODEL_CALLS);
            String json = k == 2 ? "(floor)" : ratio(micros[k], micros[2]);
            System.out.printf(
                    Locale.ROOT,
                    "%-12s %10.1f %14.1f %12.1f %-32s %18s %-30s%n",
                    subjects.get(k).name(),
                    median(micros[k]),
                    median(micros[k]) / RunShape.MODEL_CALLS,
                    cpuMicros[k],
                    own,
                    overhead,
                    json);
        }
    }

    private static String ratio(double[] subject, double[] floor) {
        double[] ratio = new double[subject.length];
        for (int r = 0; r < subject.length; r++) ratio[r] = subject[r] / floor[r];
        Arrays.sort(ratio);
        int n = ratio.length;
        return String.format(
                Locale.ROOT,
                "%+.1f%% [%+.1f, %+.1f]",
                (ratio[n / 2] - 1) * 100,
                (ratio[n / 4] - 1) * 100,
                (ratio[3 * n / 4] - 1) * 100);
    }

    private static double[] difference(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] - b[i];
        return out;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
