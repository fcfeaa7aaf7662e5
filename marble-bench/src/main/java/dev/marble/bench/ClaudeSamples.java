package dev.marble.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Part 2 of {@link ChainOverhead}: samples of the floor beside Marble. Each sample, in a rotating order: the floor
 * (the stand-in run directly once per link), {@code marble chain start claude --reset} (3 links × R rounds), and an
 * "empty" start of the same chain, which finds its rounds done and runs no link: what a start costs apart from its
 * links. Overhead per link is the chain's time per link less the floor's time per run in the same sample.
 */
final class ClaudeSamples {

    /** One sample: wall and CPU times in nanoseconds, and the windows in which its starts' file syncs are counted. */
    record Sample(
            long floorNanos,
            long chainNanos,
            long emptyNanos,
            long floorCpuNanos,
            long chainCpuNanos,
            int chainWindow,
            int emptyWindow) {}

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final ChainHomeRig rig;
    private final StandInFloor floor;
    private final FileSyncs syncs;
    private final String chain;
    private final int rounds;
    private final int links;

    ClaudeSamples(ChainHomeRig rig, StandInFloor floor, FileSyncs syncs, String chain, int rounds, int linksPerRound) {
        this.rig = rig;
        this.floor = floor;
        this.syncs = syncs;
        this.chain = chain;
        this.rounds = rounds;
        this.links = rounds * linksPerRound;
    }

    /** Every sample, warm-up ones first; with {@code jfr}, a JFR recording of the measured ones. */
    List<Sample> measure(int warmup, int samples, Path jfr) throws Exception {
        List<Sample> all = new ArrayList<>();
        jdk.jfr.Recording recording = null;
        for (int s = 0; s < warmup + samples; s++) {
            if (s == warmup && jfr != null) recording = AgentLoadHarness.startRecording();
            long floorNanos = 0;
            long floorCpu = 0;
            long chainNanos = 0;
            long chainCpu = 0;
            long emptyNanos = 0;
            int chainWindow = -1;
            int emptyWindow = -1;
            for (int k = 0; k < 3; k++) {
                switch ((k + s) % 3) {
                    case 0 -> {
                        long cpu = OS.getProcessCpuTime();
                        for (int i = 0; i < links; i++) floorNanos += floor.runOnce();
                        floorCpu = OS.getProcessCpuTime() - cpu;
                    }
                    case 1 -> {
                        chainWindow = syncs.open();
                        long cpu = OS.getProcessCpuTime();
                        chainNanos = rig.startChecked(chain, true, rounds).nanos();
                        chainCpu = OS.getProcessCpuTime() - cpu;
                        syncs.close(chainWindow);
                    }
                    default -> {
                        // The state is always at max_rounds here (every start runs the chain to it): this start
                        // checks, finds the rounds done and stops, running no link.
                        emptyWindow = syncs.open();
                        emptyNanos = rig.startChecked(chain, false, rounds).nanos();
                        syncs.close(emptyWindow);
                    }
                }
            }
            all.add(new Sample(floorNanos, chainNanos, emptyNanos, floorCpu, chainCpu, chainWindow, emptyWindow));
        }
        if (recording != null) {
            recording.dump(jfr);
            recording.close();
        }
        return all;
    }

    /** The table of samples (warm-up ones marked w), then medians and quartiles of the measured ones. */
    void report(List<Sample> all, int warmup, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "%-7s %8s %8s %8s %8s %9s %9s %9s %7s %8s %10s%n",
                "sample",
                "floor",
                "floor",
                "marble",
                "marble",
                "empty",
                "overhead",
                "overhead",
                "syncs",
                "in sync",
                "overhead");
        out.printf(
                Locale.ROOT,
                "%-7s %8s %8s %8s %8s %9s %9s %9s %7s %8s %10s%n",
                "",
                "ms/run",
                "CPU ms",
                "ms/link",
                "CPU ms",
                "start ms",
                "ms/link",
                "no start",
                "/link",
                "ms/link",
                "less sync");
        int n = all.size() - warmup;
        double[] floorMs = new double[n];
        double[] floorCpu = new double[n];
        double[] marble = new double[n];
        double[] marbleCpu = new double[n];
        double[] empty = new double[n];
        double[] steady = new double[n];
        double[] syncCount = new double[n];
        double[] syncMs = new double[n];
        for (int s = 0; s < all.size(); s++) {
            Sample sample = all.get(s);
            FileSyncs.Count chainSyncs = syncs.count(sample.chainWindow());
            FileSyncs.Count emptySyncs = syncs.count(sample.emptyWindow());
            double f = sample.floorNanos() / 1e6 / links;
            double fc = sample.floorCpuNanos() / 1e6 / links;
            double m = sample.chainNanos() / 1e6 / links;
            double mc = sample.chainCpuNanos() / 1e6 / links;
            double e = sample.emptyNanos() / 1e6;
            double st = (sample.chainNanos() - sample.emptyNanos()) / 1e6 / links;
            double count = (chainSyncs.syncs() - emptySyncs.syncs()) / (double) links;
            double wait = chainSyncs.time().toNanos() / 1e6 / links;
            out.printf(
                    Locale.ROOT,
                    "%-7s %8.2f %8.2f %8.2f %8.2f %9.1f %9.2f %9.2f %7.1f %8.2f %10.2f%n",
                    s < warmup ? "w" + (s + 1) : Integer.toString(s - warmup + 1),
                    f,
                    fc,
                    m,
                    mc,
                    e,
                    m - f,
                    st - f,
                    count,
                    wait,
                    m - f - wait);
            if (s < warmup) continue;
            int i = s - warmup;
            floorMs[i] = f;
            floorCpu[i] = fc;
            marble[i] = m;
            marbleCpu[i] = mc;
            empty[i] = e;
            steady[i] = st;
            syncCount[i] = count;
            syncMs[i] = wait;
        }
        double[] overhead = Spread.difference(marble, floorMs);
        out.printf(
                Locale.ROOT,
                "floor      the stand-in claude run directly: %s per run; this JVM's CPU: %s per run%n",
                Spread.of(floorMs).text("ms"),
                Spread.of(floorCpu).text("ms"));
        out.printf(
                Locale.ROOT,
                "marble     %s per link, its start's share included (%d links a start); this JVM's CPU: %s"
                        + " per link; a start that runs no link: %s%n",
                Spread.of(marble).text("ms"),
                links,
                Spread.of(marbleCpu).text("ms"),
                Spread.of(empty).text("ms"));
        out.printf(
                Locale.ROOT,
                "overhead   %s per link (marble - floor, same sample); without the start's share: %s%n",
                Spread.of(overhead).text("ms"),
                Spread.of(Spread.difference(steady, floorMs)).text("ms"));
        out.printf(
                Locale.ROOT,
                "file syncs %.1f per link, waited for: %s per link; overhead less that wait: %s%n",
                Spread.of(syncCount).median(),
                Spread.of(syncMs).text("ms"),
                Spread.of(Spread.difference(overhead, syncMs)).text("ms"));
    }
}
