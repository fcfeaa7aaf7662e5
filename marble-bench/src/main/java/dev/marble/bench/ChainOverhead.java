package dev.marble.bench;

import dev.marble.testkit.StandInClaude;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code marble chain} costs per link beyond the model's own time (issue 4: under 20 ms; llmauto spends at
 * least 5 s), measured in one run beside the floor and beside llmauto:
 * <ol>
 *   <li>floor: the stand-in {@code claude} (which answers at once) run directly, with the argument vectors the
 *       chain's links used ({@link StandInFloor});</li>
 *   <li>marble: {@code marble chain start} of 3 Claude links × R rounds on that stand-in, in-process through the
 *       real command tree, sample by sample beside the floor ({@link ClaudeSamples});</li>
 *   <li>scripted: 3 links × 100 rounds on Marble's {@code scripted:} provider (no subprocess at all): the wall
 *       time of the whole start;</li>
 *   <li>llmauto: its {@code chain start} of the same 3 links on the same stand-in ({@link LlmautoChain}), when a
 *       checkout is given.</li>
 * </ol>
 * Every start's file syncs are counted and timed ({@link FileSyncs}): on a disk they are most of the cost.
 * {@code --dir} puts the chain's home elsewhere (on a tmpfs such as /dev/shm a sync costs nothing, which shows what
 * the disk's cost); {@code --jfr FILE} records part 2's measured samples. Usage: {@link ChainBenchOptions#USAGE}.
 * Exit codes: 0 measured, 1 a run went wrong (a figure from it would mean nothing), 2 a bad option.
 */
public final class ChainOverhead {

    /** The three links of every chain here: llmauto's shape (worker, reviewer, controller), one model each. */
    static final List<LlmautoChain.Link> LINKS = List.of(
            new LlmautoChain.Link(
                    "worker", "worker", "sonnet", "You are the worker. Read the handoff and do the next task."),
            new LlmautoChain.Link("reviewer", "reviewer", "opus", "You are the reviewer. Review the worker's report."),
            new LlmautoChain.Link(
                    "controller", "controller", "haiku", "You are the controller. Assign the next task."));

    private final ChainBenchOptions options;
    private final PrintStream out;

    private ChainOverhead(ChainBenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out)); // the chains' journal and deadline threads would keep the JVM alive
    }

    /** Runs the harness; returns its exit code. */
    static int run(String[] args, PrintStream out) {
        ChainBenchOptions options;
        try {
            options = ChainBenchOptions.parse(args);
        } catch (IllegalArgumentException mistake) {
            out.println("chain bench: " + mistake.getMessage());
            return 2;
        }
        Path folder;
        try {
            folder = Files.createTempDirectory(Files.createDirectories(options.dir()), "marble-chain-bench");
        } catch (IOException e) {
            out.println("chain bench: --dir " + options.dir() + ": cannot make a folder there: " + e.getMessage());
            return 2;
        }
        try {
            new ChainOverhead(options, out).measure(folder);
            return 0;
        } catch (Exception failed) {
            out.println("FAILED: " + failed.getClass().getSimpleName() + ": " + failed.getMessage());
            return 1;
        } finally {
            AgentLoadHarness.deleteQuietly(folder);
        }
    }

    private void measure(Path folder) throws Exception {
        var os = ManagementFactory.getOperatingSystemMXBean();
        out.printf(
                Locale.ROOT,
                "marble chain on a stand-in claude that answers at once; Java %s, %d cores, load average"
                        + " %.1f at the start; state on %s (%s)%n",
                Runtime.version(),
                os.getAvailableProcessors(),
                os.getSystemLoadAverage(),
                folder,
                Files.getFileStore(folder).type());
        try (FileSyncs syncs = new FileSyncs()) {
            StandInClaude claude = StandInClaude.install(folder.resolve("bin"));
            ChainHomeRig rig = new ChainHomeRig(folder).variable("PATH", claude.directory() + ":/usr/bin:/bin");
            StandInFloor floor = calibrate(rig, claude);

            int links = LINKS.size() * options.rounds();
            out.printf(
                    Locale.ROOT,
                    "%d samples after %d warm-up, each: %d floor runs, one start of %d links (%d rounds,"
                            + " --reset), one start that runs none; in a rotating order%n",
                    options.samples(),
                    options.warmup(),
                    links,
                    links,
                    options.rounds());
            ClaudeSamples claudeSamples =
                    new ClaudeSamples(rig, floor, syncs, "claude", options.rounds(), LINKS.size());
            List<ClaudeSamples.Sample> samples =
                    claudeSamples.measure(options.warmup(), options.samples(), options.jfr());
            List<Timed> scripted = scripted(rig, syncs);
            syncs.finish();
            claudeSamples.report(samples, options.warmup(), out);
            if (options.jfr() != null) out.println("JFR recording of the measured samples: " + options.jfr());
            reportScripted(scripted, syncs);

            String problem = LlmautoChain.problem(options.llmauto());
            if (problem != null) {
                out.println("llmauto    not measured: " + problem);
            } else {
                llmauto(
                        LlmautoChain.prepare(options.llmauto(), folder.resolve("llmauto-parent"), claude.directory()),
                        floor);
            }
        }
        out.printf(Locale.ROOT, "load average %.1f at the end%n", os.getSystemLoadAverage());
    }

    /**
     * One start with the stand-in logging its argument vectors: the floor replays exactly those, so it runs what
     * a link runs (model, prompt, permission mode, allowed tools, session, output format).
     */
    private StandInFloor calibrate(ChainHomeRig rig, StandInClaude claude) throws IOException {
        rig.write("chains/claude.json", chainJson(options.rounds(), null));
        Path log = rig.root().resolveSibling("standin-argv.jsonl");
        rig.variable("STANDIN_CLAUDE_LOG", log.toString());
        rig.startChecked("claude", true, options.rounds());
        rig.variable("STANDIN_CLAUDE_LOG", null);
        List<List<String>> argvs = StandInFloor.argvsLogged(log, claude.executable());
        if (argvs.size() != LINKS.size() * options.rounds()) {
            throw new IllegalStateException(
                    "the stand-in ran " + argvs.size() + " times, expected " + LINKS.size() * options.rounds());
        }
        List<String> first = argvs.getFirst();
        out.println("a link runs: claude " + String.join(" ", first.subList(1, first.size())));
        return new StandInFloor(argvs.subList(0, LINKS.size()), rig.linkEnvironment(), rig.root());
    }

    /** A start's wall time and the window its file syncs are counted in. */
    private record Timed(int window, long nanos) {}

    /** 3 links × N rounds on the scripted provider: Marble's engine with no process to wait for. */
    private List<Timed> scripted(ChainHomeRig rig, FileSyncs syncs) throws IOException {
        int links = LINKS.size() * options.scriptedRounds();
        StringBuilder replay = new StringBuilder("[");
        for (int i = 1; i <= links; i++) {
            replay.append(i > 1 ? ",\n" : "\n")
                    .append("{\"text\": \"reply ")
                    .append(i)
                    .append("\"}");
        }
        rig.write("replay.json", replay.append("\n]\n").toString());
        rig.write("chains/scripted.json", chainJson(options.scriptedRounds(), "scripted:replay.json"));
        List<Timed> timed = new ArrayList<>();
        for (int run = 0; run < options.scriptedRuns(); run++) {
            int window = syncs.open();
            long nanos =
                    rig.startChecked("scripted", true, options.scriptedRounds()).nanos();
            syncs.close(window);
            timed.add(new Timed(window, nanos));
        }
        return timed;
    }

    private void reportScripted(List<Timed> timed, FileSyncs syncs) {
        if (timed.isEmpty()) return;
        int links = LINKS.size() * options.scriptedRounds();
        List<String> runs = new ArrayList<>();
        for (Timed run : timed) {
            FileSyncs.Count count = syncs.count(run.window());
            double seconds = run.nanos() / 1e9;
            runs.add(String.format(
                    Locale.ROOT,
                    "%.2f s (%.1f ms per link, %.1f of them waiting for %.1f file syncs)",
                    seconds,
                    seconds * 1000 / links,
                    count.time().toNanos() / 1e6 / links,
                    count.syncs() / (double) links));
        }
        out.printf(
                Locale.ROOT,
                "scripted   3 links x %d rounds, no subprocess, whole start: %s%n",
                options.scriptedRounds(),
                String.join("; ", runs));
    }

    private void llmauto(LlmautoChain llmauto, StandInFloor floor) throws Exception {
        int rounds = options.llmautoRounds();
        // The floor again, just before: the machine's state at this minute, for llmauto's comparison.
        double[] floorRuns = new double[Math.max(LINKS.size() * rounds, 9)];
        for (int i = 0; i < floorRuns.length; i++) floorRuns[i] = floor.runOnce() / 1e6;
        double floorMs = Spread.of(floorRuns).median();
        LlmautoChain.Outcome outcome = llmauto.run(LINKS, rounds);
        double perLink = (outcome.wallNanos() - outcome.startupNanos()) / 1e6 / outcome.links();
        out.printf(
                Locale.ROOT,
                "llmauto    3 links x %d rounds: whole start %.2f s, of which %.0f ms its start-up (as"
                        + " 'chain list' takes); %.0f ms per link, %.0f ms beyond the floor (%.1f ms now), 5000 ms of"
                        + " it a fixed sleep%n",
                rounds,
                outcome.wallNanos() / 1e9,
                outcome.startupNanos() / 1e6,
                perLink,
                perLink - floorMs,
                floorMs);
    }

    /** The chain file: the three links, on their Claude models or all on one model when {@code model} is given. */
    private static String chainJson(int rounds, String model) {
        StringBuilder links = new StringBuilder();
        for (LlmautoChain.Link link : LINKS) {
            if (!links.isEmpty()) links.append(",\n    ");
            links.append(String.format(
                    Locale.ROOT,
                    "{\"name\": \"%s\", \"role\": \"%s\", \"model\": \"%s\", \"prompt\": \"%s\"}",
                    link.name(),
                    link.role(),
                    model == null ? link.model() : model,
                    link.prompt()));
        }
        return "{\"description\": \"Marble's overhead benchmark\", \"max_rounds\": " + rounds
                + ",\n  \"links\": [\n    " + links + "]}\n";
    }
}
