package dev.marble.bench;

import dev.marble.testkit.StandInClaude;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a short Marble command costs to start, as whole processes, beside a floor and beside llmauto, in one run
 * ({@code build/bench.sh --startup}, issue 18):
 * <ul>
 *   <li>floor: {@link StartupFloor}, a picocli + Jackson "hello" jar started as {@code ./marble} starts Marble (the
 *       same java and JVM options, which the launcher prints with {@code MARBLE_PRINT_JAVA_COMMAND=1}, a start-up
 *       cache of its own, and picocli's old classes upgraded for it as the launcher upgrades Marble's); beside it
 *       the floor as its jar was built, without that upgrade;</li>
 *   <li>Marble through {@code ./marble}: {@code --version}, {@code chain status} of a chain that ran, {@code config},
 *       {@code logs}, {@code pipe} on a replay file, and {@code pipe -m sonnet hello} through a stand-in
 *       {@code claude} that answers at once;</li>
 * <li>llmauto's {@code pipe -m sonnet hello} through the same stand-in, when {@code --llmauto DIR} names a
 * checkout;</li>
 *   <li>with {@code --compare LABEL=DIR}, the same Marble commands through another checkout's launcher (the code
 *       before a change, say); with {@code --steps}, this checkout's jar started directly with the JVM options added
 *       one at a time.</li>
 * </ul>
 * Every round runs every command once, in an order that rotates from round to round, so that a machine busy with
 * other work slows all of them alike; figures are medians with quartiles, and a ratio is the median of the ratios
 * taken within each round. Usage: {@link StartupBenchOptions#USAGE}. Exit codes: 0 measured, 1 a run failed or
 * printed something else than it should (a figure from it would mean nothing), 2 a bad option.
 */
public final class StartupBench {

    /**
     * A command measured: how to run it, where, and a piece of what it must print ({@code expect}, empty: anything).
     * {@code reference} labels the case it is compared with, or is null.
     */
    record Case(
            String label,
            List<String> argv,
            Path directory,
            Map<String, String> environment,
            String expect,
            String reference) {}

    private static final String FLOOR = "floor (picocli + Jackson hello)";
    /** The floor as its jar was built, picocli's old classes read from it at every start. */
    private static final String FLOOR_AS_BUILT = "floor, old classes not upgraded";

    private static final String LLMAUTO = "llmauto pipe -m sonnet hello";
    private static final long TIMEOUT_SECONDS = 120;
    /** The first start after a build trains the cache: a minute on a slow, busy machine. */
    private static final long TRAINING_TIMEOUT_SECONDS = 600;

    private final StartupBenchOptions options;
    private final PrintStream out;
    private final Path root;

    private StartupBench(StartupBenchOptions options, PrintStream out, Path root) {
        this.options = options;
        this.out = out;
        this.root = root;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, Path.of(System.getProperty("marble.root", "."))));
    }

    /** Runs the harness on the checkout at {@code root}; returns its exit code. */
    static int run(String[] args, PrintStream out, Path root) {
        StartupBenchOptions options;
        try {
            options = StartupBenchOptions.parse(args);
        } catch (IllegalArgumentException mistake) {
            out.println("startup bench: " + mistake.getMessage());
            return 2;
        }
        Path folder;
        try {
            folder = Files.createTempDirectory(Files.createDirectories(options.dir()), "marble-startup-bench");
        } catch (IOException e) {
            out.println("startup bench: --dir " + options.dir() + ": cannot make a folder there: " + e.getMessage());
            return 2;
        }
        try {
            new StartupBench(options, out, root.toAbsolutePath().normalize()).measure(folder);
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
        double loadBefore = os.getSystemLoadAverage();
        TimedProcess timer = TimedProcess.in(folder.resolve("timing"));
        Workspace workspace = Workspace.prepare(folder, root);
        Path launcher = root.resolve("marble");

        // The first start after a build trains the cache: done here, outside the measured rounds.
        timer.run(
                List.of(launcher.toString(), "--version"),
                workspace.project(),
                workspace.environment(),
                TRAINING_TIMEOUT_SECONDS);
        JvmOptions jvm = JvmOptions.of(
                javaCommand(launcher, workspace, timer, "--version"),
                javaCommand(launcher, workspace, timer, "chain", "start"));
        out.printf(
                Locale.ROOT,
                "start-up of short commands as whole processes; %s (%s), %d cores, load average %.1f at"
                        + " the start; %s%n",
                jvm.java(),
                jvm.describe(),
                os.getAvailableProcessors(),
                loadBefore,
                timer.how());

        List<Case> cases = new ArrayList<>();
        boolean upgrades = jvm.upgradedClasses() != null;
        cases.add(new Case(
                FLOOR,
                floor(jvm, upgrades, workspace, timer),
                workspace.project(),
                workspace.environment(),
                "{\"text\":\"hello, world\"}",
                null));
        if (upgrades) {
            cases.add(new Case(
                    FLOOR_AS_BUILT,
                    floor(jvm, false, workspace, timer),
                    workspace.project(),
                    workspace.environment(),
                    "{\"text\":\"hello, world\"}",
                    null));
        }
        cases.addAll(marbleCases("marble", launcher, workspace));
        workspace.runChain(launcher, timer);
        for (Map.Entry<String, Path> other : options.compare().entrySet()) {
            Path otherLauncher = other.getValue().resolve("marble");
            if (!Files.isExecutable(otherLauncher)) {
                throw new IllegalArgumentException(
                        "--compare " + other.getKey() + "=" + other.getValue() + ": no launcher " + otherLauncher);
            }
            // Its first start builds or trains whatever it needs, outside the measured rounds.
            timer.run(
                    List.of(otherLauncher.toString(), "--version"),
                    workspace.project(),
                    workspace.environment(),
                    TRAINING_TIMEOUT_SECONDS);
            cases.addAll(marbleCases(other.getKey(), otherLauncher, workspace));
        }
        String llmautoProblem = LlmautoChain.problem(options.llmauto());
        if (llmautoProblem == null) {
            LlmautoChain llmauto =
                    LlmautoChain.prepare(options.llmauto(), folder.resolve("llmauto-parent"), workspace.bin());
            cases.add(new Case(
                    LLMAUTO,
                    llmauto.command("pipe", "-m", "sonnet", "hello"),
                    llmauto.folder(),
                    llmauto.environment(),
                    "stand-in reply",
                    null));
        }
        if (options.steps()) {
            List<String> longCommand = javaCommand(launcher, workspace, timer, "chain", "start");
            for (List<String> command :
                    List.of(List.of("--version"), List.of("pipe", "-m", "scripted:replies.yaml", "hello"))) {
                // The first start of a group trains its cache: done now, outside the measured rounds.
                List<String> argv = new ArrayList<>(List.of(launcher.toString()));
                argv.addAll(command);
                timer.run(argv, workspace.project(), workspace.environment(), TRAINING_TIMEOUT_SECONDS);
                JvmOptions own = JvmOptions.of(
                        javaCommand(launcher, workspace, timer, command.toArray(String[]::new)), longCommand);
                cases.addAll(steps(own, command, workspace));
            }
        }

        out.printf(
                Locale.ROOT,
                "%d commands, %d rounds after %d warm-up; in each round every command once, in an order"
                        + " that rotates%n",
                cases.size(),
                options.rounds(),
                options.warmup());
        Map<String, List<TimedProcess.Sample>> samples = rounds(cases, timer);
        report(cases, samples);
        if (llmautoProblem != null) out.println("llmauto not measured: " + llmautoProblem);
        out.printf(Locale.ROOT, "load average %.1f at the end%n", os.getSystemLoadAverage());
    }

    /** The java command the launcher would run for {@code args}. */
    private static List<String> javaCommand(Path launcher, Workspace workspace, TimedProcess timer, String... args)
            throws IOException, InterruptedException {
        Map<String, String> printing = new LinkedHashMap<>(workspace.environment());
        printing.put("MARBLE_PRINT_JAVA_COMMAND", "1");
        List<String> argv = new ArrayList<>(List.of(launcher.toString()));
        argv.addAll(List.of(args));
        String printed =
                timer.run(argv, workspace.project(), printing, TIMEOUT_SECONDS).out();
        List<String> command = printed.lines().toList();
        if (!command.contains("-jar") && !command.contains("-cp")) {
            throw new IllegalStateException(
                    launcher + " does not print its java command (MARBLE_PRINT_JAVA_COMMAND=1): " + printed.strip());
        }
        return command;
    }

    private List<Case> marbleCases(String name, Path launcher, Workspace workspace) {
        String marble = launcher.toString();
        Map<String, String> env = workspace.environment();
        return List.of(
                new Case(name + " --version", List.of(marble, "--version"), workspace.project(), env, "marble ", FLOOR),
                new Case(
                        name + " chain status",
                        List.of(marble, "chain", "status", "review-loop"),
                        workspace.chainHome(),
                        env,
                        "=== review-loop ===",
                        FLOOR),
                new Case(name + " config", List.of(marble, "config"), workspace.project(), env, "", FLOOR),
                new Case(name + " logs", List.of(marble, "logs"), workspace.project(), env, "", FLOOR),
                new Case(
                        name + " pipe (replay file)",
                        List.of(marble, "pipe", "-m", "scripted:replies.yaml", "hello"),
                        workspace.project(),
                        env,
                        "Hello from Marble!",
                        FLOOR),
                new Case(
                        name + " pipe -m sonnet hello",
                        List.of(marble, "pipe", "-m", "sonnet", "hello"),
                        workspace.project(),
                        env,
                        "stand-in reply",
                        LLMAUTO));
    }

    /**
     * The floor's command: the launcher's java and options, a start-up cache of the floor's own, trained now, and,
     * where
     * the launcher upgrades old classes (picocli's) for the cache, the floor's upgraded the same way ({@code upgrade}).
     */
    private List<String> floor(JvmOptions jvm, boolean upgrade, Workspace workspace, TimedProcess timer)
            throws IOException, InterruptedException {
        Path jar = root.resolve("marble-bench/target/startup-floor.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: build/bench.sh builds it (mvnw -pl marble-bench -am package)");
        }
        String name = upgrade ? "floor-upgraded" : "floor";
        List<String> launch = List.of("-jar", jar.toString());
        if (upgrade) {
            Path upgraded = workspace.folder().resolve(name + "-classes.jar");
            timer.run(
                    List.of(
                            jvm.java(),
                            root.resolve("build/UpgradeOldClasses.java").toString(),
                            jar.toString(),
                            upgraded.toString()),
                    workspace.project(),
                    workspace.environment(),
                    TRAINING_TIMEOUT_SECONDS);
            launch = List.of("-cp", upgraded + File.pathSeparator + jar, StartupFloor.class.getName());
        }
        List<String> run = new ArrayList<>(List.of(jvm.java()));
        if (jvm.cacheUse() != null) {
            Path cache = workspace.folder().resolve(name + "." + (jvm.aot() ? "aot" : "jsa"));
            List<String> training = new ArrayList<>(List.of(jvm.java()));
            training.addAll(jvm.base());
            training.add(jvm.cacheOutputOption() + "=" + cache);
            training.addAll(launch);
            training.add("--json");
            timer.run(training, workspace.project(), workspace.environment(), TRAINING_TIMEOUT_SECONDS);
            run.addAll(jvm.withCache(cache));
        } else {
            run.addAll(jvm.options());
        }
        run.addAll(launch);
        run.add("--json");
        return run;
    }

    /** This checkout's jar, started directly with {@code command}, the launcher's options added one at a time. */
    private static List<Case> steps(JvmOptions jvm, List<String> command, Workspace workspace) {
        List<Case> steps = new ArrayList<>();
        List<List<String>> options = jvm.steps();
        List<String> names = jvm.stepNames();
        for (int i = 0; i < options.size(); i++) {
            List<String> argv = new ArrayList<>(List.of(jvm.java()));
            argv.addAll(options.get(i));
            argv.addAll(jvm.launch());
            argv.addAll(command);
            steps.add(new Case(
                    "java, marble " + command.getFirst() + ": " + names.get(i),
                    argv,
                    workspace.project(),
                    workspace.environment(),
                    command.getFirst().equals("pipe") ? "Hello" : "marble",
                    null));
        }
        return steps;
    }

    private Map<String, List<TimedProcess.Sample>> rounds(List<Case> cases, TimedProcess timer)
            throws IOException, InterruptedException {
        Map<String, List<TimedProcess.Sample>> samples = new LinkedHashMap<>();
        for (Case c : cases) samples.put(c.label(), new ArrayList<>());
        for (int round = 0; round < options.warmup() + options.rounds(); round++) {
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get((i + round) % cases.size());
                TimedProcess.Sample sample = timer.run(c.argv(), c.directory(), c.environment(), TIMEOUT_SECONDS);
                if (!sample.out().contains(c.expect())) {
                    throw new IllegalStateException(c.label() + " printed something else than '" + c.expect() + "': "
                            + sample.out().strip() + " " + sample.err().strip());
                }
                if (round >= options.warmup()) samples.get(c.label()).add(sample);
            }
        }
        return samples;
    }

    private void report(List<Case> cases, Map<String, List<TimedProcess.Sample>> samples) {
        out.printf(
                Locale.ROOT,
                "%-56s %-22s %-22s %8s  %s%n",
                "command",
                "wall ms [quartiles]",
                "CPU ms [quartiles]",
                "peak MB",
                "× reference, wall (CPU)");
        for (Case c : cases) {
            List<TimedProcess.Sample> own = samples.get(c.label());
            Spread wall = Spread.of(
                    own.stream().mapToDouble(TimedProcess.Sample::wallMs).toArray());
            Spread cpu = Spread.of(
                    own.stream().mapToDouble(TimedProcess.Sample::cpuMs).toArray());
            Spread peak =
                    Spread.of(own.stream().mapToDouble(s -> s.peakKb() / 1024.0).toArray());
            String ratio = "";
            List<TimedProcess.Sample> reference = c.reference() == null ? null : samples.get(c.reference());
            if (reference != null) {
                ratio = String.format(
                        Locale.ROOT,
                        "%.2f × (%.2f ×) %s",
                        ratio(own, reference, true),
                        ratio(own, reference, false),
                        c.reference().startsWith("floor") ? "floor" : "llmauto");
            }
            out.printf(
                    Locale.ROOT,
                    "%-56s %-22s %-22s %8s  %s%n",
                    c.label(),
                    whole(wall),
                    cpu.median() < 0 ? "n/a" : whole(cpu),
                    peak.median() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", peak.median()),
                    ratio);
        }
    }

    /** {@code 312 [298, 340]}: milliseconds are enough for whole processes. */
    private static String whole(Spread spread) {
        return String.format(Locale.ROOT, "%.0f [%.0f, %.0f]", spread.median(), spread.lower(), spread.upper());
    }

    /** The median of the ratios taken within each round: own sample over the reference's of the same round. */
    private static double ratio(List<TimedProcess.Sample> own, List<TimedProcess.Sample> reference, boolean wall) {
        double[] ratios = new double[own.size()];
        for (int i = 0; i < own.size(); i++) {
            ratios[i] = wall
                    ? own.get(i).wallMs() / reference.get(i).wallMs()
                    : own.get(i).cpuMs() / Math.max(1, reference.get(i).cpuMs());
        }
        return Spread.of(ratios).median();
    }

    /**
     * The folders every command runs in: a project with a replay file, the review-loop example as a chain home, a
     * home of its own, and the stand-in claude first on PATH.
     */
    record Workspace(Path folder, Path project, Path chainHome, Path home, Path bin) {

        /** What runs of the example left in the checkout. */
        private static final Set<String> LEFT_BEHIND = Set.of("state", "logs", ".marble");

        static Workspace prepare(Path folder, Path root) throws IOException {
            Path project = Files.createDirectories(folder.resolve("project"));
            Files.copy(root.resolve("examples/hello/replies.yaml"), project.resolve("replies.yaml"));
            Path chainHome = folder.resolve("chain-home");
            copyTree(root.resolve("examples/review-loop"), chainHome); // its chain, prompts and replay; no state
            Path home = Files.createDirectories(folder.resolve("home"));
            StandInClaude claude = StandInClaude.install(folder.resolve("bin"));
            return new Workspace(folder, project, chainHome, home, claude.directory());
        }

        Map<String, String> environment() {
            return Map.of("PATH", bin + ":/usr/bin:/bin", "HOME", home.toString());
        }

        /** One run of the review-loop chain (scripted, offline), so that {@code chain status} has state to show. */
        void runChain(Path launcher, TimedProcess timer) throws IOException, InterruptedException {
            TimedProcess.Sample run = timer.run(
                    List.of(launcher.toString(), "chain", "start", "--reset", "review-loop"),
                    chainHome,
                    environment(),
                    TRAINING_TIMEOUT_SECONDS);
            if (!run.err().contains("review-loop: ALL_DONE")) {
                throw new IllegalStateException(
                        "the review-loop chain did not finish: " + run.err().strip());
            }
        }

        private static void copyTree(Path from, Path to) throws IOException {
            try (var files = Files.walk(from)) {
                for (Path source : (Iterable<Path>) files::iterator) {
                    Path relative = from.relativize(source);
                    if (!relative.toString().isEmpty()
                            && LEFT_BEHIND.contains(relative.getName(0).toString())) continue;
                    Path target = to.resolve(relative.toString());
                    if (Files.isDirectory(source)) Files.createDirectories(target);
                    else Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
