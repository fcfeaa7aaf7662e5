package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start, word for word, through the real {@code ./marble} launcher and the
 * packaged jar, in an environment like a fresh machine's: no JAVA_HOME, and whatever java the PATH
 * has first (java 17 on this image). The launcher must find a JDK of 21 or newer by itself.
 */
@Timeout(300) // a start after a build trains the start-up cache first: seconds, more on a busy machine
class LauncherIT {

    @TempDir
    Path temp;

    private static Path root() {
        return Path.of(System.getProperty("marble.root", "..")).toAbsolutePath().normalize();
    }

    record Run(int exit, String out, String err) {}

    private Run run(Map<String, String> extra, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root().toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", temp.toString());
        env.putAll(extra);
        builder.redirectOutput(temp.resolve("out").toFile())
                .redirectError(temp.resolve("err").toFile());
        Process process = builder.start();
        assertThat(process.waitFor(110, TimeUnit.SECONDS)).isTrue();
        return new Run(
                process.exitValue(),
                Files.readString(temp.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(temp.resolve("err"), StandardCharsets.UTF_8));
    }

    @Test
    void theQuickStartRunsTheBundledChainOffline() throws Exception {
        Run run =
                run(Map.of(), "./marble", "chain", "start", "--reset", "examples/review-loop/chains/review-loop.json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("reviewer (reviewer): start scripted:replies.yaml")
                .contains("SHUTDOWN: ALL_TASKS_DONE");
        assertThat(run.err()).contains("[marble chain] review-loop: ALL_DONE");
        Path state = root().resolve("examples/review-loop/state/review-loop");
        assertThat(Files.readString(state.resolve("status.txt")).strip()).isEqualTo("ALL_DONE");
        assertThat(Files.readString(state.resolve("handoff.md"))).contains("## Verdict: APPROVED");
    }

    @Test
    void theSmallestOfflineCallWorks() throws Exception {
        Run run = run(Map.of(), "./marble", "pipe", "-m", "scripted:examples/hello/replies.yaml", "Say hello");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Hello from Marble!");
        assertThat(run.err()).contains("REPLAY");
    }

    @Test
    void theLauncherWorksThroughSymlinksOnThePath() throws Exception {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path other = Files.createDirectories(temp.resolve("other"));
        Files.createSymbolicLink(bin.resolve("marble"), root().resolve("marble"));
        // A relative link to the link: each step is followed from where it is.
        Files.createSymbolicLink(other.resolve("m"), Path.of("../bin/marble"));
        try {
            for (Path launcher : List.of(bin.resolve("marble"), other.resolve("m"))) {
                Run run = run(Map.of(), launcher.toString(), "version");
                assertThat(run.exit()).as(launcher + ": " + run.err()).isZero();
                assertThat(run.out()).startsWith("marble ");
                assertThat(run.err()).doesNotContain("No such file");
            }
        } finally {
            Files.delete(other.resolve("m")); // links out of the temp folder: removed here, not by JUnit with a warning
            Files.delete(bin.resolve("marble"));
        }
    }

    @Test
    void theJarStartsWithoutJdkWarnings() throws Exception {
        // JDK 24 and newer warn about native access (SQLite's driver) unless the jar's manifest allows it.
        Assumptions.assumeTrue(
                Runtime.version().feature() >= 24,
                "the tests run on JDK " + Runtime.version().feature() + ", which has no native-access warning");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path jar = root().resolve("marble-cli/target/marble.jar");
        Run run = run(
                Map.of(),
                java.toString(),
                "-jar",
                jar.toString(),
                "pipe",
                "-m",
                "scripted:examples/hello/replies.yaml",
                "Say hello");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("WARNING");
    }

    @Test
    void ctrlCStopsTheCallRecordsItAndExits130() throws Exception {
        Path project = Files.createDirectories(temp.resolve("project"));
        Files.writeString(project.resolve("slow.yaml"), "- {text: too late, delay_ms: 20000}\n");
        ProcessBuilder builder = new ProcessBuilder(
                        root().resolve("marble").toString(), "pipe", "-m", "scripted:slow.yaml", "hi")
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("ctrl-c.out").toFile());
        builder.environment().put("HOME", temp.toString());
        Process process = builder.start();
        // Signal once the call is in flight: the model line is printed just before it. A fixed wait
        // would race the first start after a build, which trains the start-up cache first.
        Path output = temp.resolve("ctrl-c.out");
        for (int i = 0; i < 600 && !Files.readString(output).contains("model: scripted:slow.yaml"); i++)
            Thread.sleep(50);
        assertThat(Files.readString(output)).contains("model: scripted:slow.yaml");
        Thread.sleep(300); // past the header, into the call
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(130);
        ProcessBuilder inProject = new ProcessBuilder(root().resolve("marble").toString(), "logs")
                .directory(project.toFile())
                .redirectErrorStream(true);
        inProject.environment().put("HOME", temp.toString());
        Process logsProcess = inProject.start();
        String journal = new String(logsProcess.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(logsProcess.waitFor()).isZero();
        assertThat(journal).contains("ERROR").contains("interrupted");
    }

    @Test
    void ctrlCEndsALoopCleanlyAndKeepsTheConversation() throws Exception {
        Path project = Files.createDirectories(temp.resolve("loop-project"));
        Files.writeString(project.resolve("slow.yaml"), """
                - tool_calls: [{name: list_directory, arguments: {}}]
                - {text: too late, delay_ms: 20000}
                """);
        ProcessBuilder builder = new ProcessBuilder(
                        root().resolve("marble").toString(),
                        "loop",
                        "--headless",
                        "--export-conversation",
                        "saved.json",
                        "-m",
                        "scripted:slow.yaml",
                        "Look around")
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("loop.out").toFile());
        builder.environment().put("HOME", temp.toString());
        Process process = builder.start();
        Path output = temp.resolve("loop.out");
        for (int i = 0; i < 600 && !Files.readString(output).contains("[tool] list_directory"); i++) Thread.sleep(50);
        Thread.sleep(300); // the second model call is now waiting on its reply
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(130);
        assertThat(Files.readString(output)).contains("[marble loop] interrupted: interrupted (Ctrl+C)");
        String saved = Files.readString(project.resolve("saved.json"));
        assertThat(saved)
                .contains("\"format\" : \"marble-conversation\"")
                .contains("list_directory")
                .contains("Look around");
    }

    /**
     * The defect of issue 18: ./mvnw package (or verify, the README's test command) rebuilt the jar, the launcher kept
     * the cache trained on the old one, and the JVM refused it silently at every start. The rebuild is reproduced as
     * the JVM sees it, a new modification time; the evidence is where the next start loaded its classes from.
     */
    @Test
    void aJarRebuiltAfterTheCacheWasTrainedIsTrainedForAgainAndTheNextStartUsesTheCache() throws Exception {
        Run first = run(Map.of(), "./marble", "--version");
        assertThat(first.exit()).as(first.err()).isZero();
        Path jar = root().resolve("marble-cli/target/marble.jar");
        Path cache = cacheFile();
        assertThat(cache).exists();
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
        assertThat(Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar)))
                .isNegative();

        Path classes = temp.resolve("class-load.log");
        Run next = run(Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + classes), "./marble", "--version");
        assertThat(next.exit()).as(next.err()).isZero();
        assertThat(next.out()).startsWith("marble ");
        assertThat(Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar)))
                .isPositive();
        assertThat(loadedFrom(classes, "dev.marble.cli.Main")).contains("shared objects file");
        assertThat(loadedFrom(classes, "dev.marble.cli.RootCommand")).contains("shared objects file");
    }

    /**
     * A jar older than the cache can still be another jar: a backup put back with {@code cp -p}, a build cache
     * restored. JDK 25 does not compare the jar with the one it recorded and would run the old jar's classes from the
     * cache, so the launcher must see it: the jar's time is set back a millisecond (still newer than every source, so
     * nothing is built), and the next start trains the cache again and maps it.
     */
    @Test
    void aJarWhoseTimeWentBackIsTrainedForAgain() throws Exception {
        Run first = run(Map.of(), "./marble", "--version");
        assertThat(first.exit()).as(first.err()).isZero();
        Path jar = root().resolve("marble-cli/target/marble.jar");
        Path cache = cacheFile();
        FileTime trained = Files.getLastModifiedTime(cache);
        Instant jarTime = Files.getLastModifiedTime(jar).toInstant();
        Files.setLastModifiedTime(jar, FileTime.from(jarTime.minusMillis(1)));
        assertThat(Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar)))
                .isPositive();

        Path classes = temp.resolve("class-load.log");
        Run next = run(Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + classes), "./marble", "--version");
        assertThat(next.exit()).as(next.err()).isZero();
        assertThat(next.out()).startsWith("marble ");
        assertThat(next.err()).doesNotContain("building Marble");
        assertThat(Files.getLastModifiedTime(cache)).isNotEqualTo(trained);
        assertThat(Files.getLastModifiedTime(Path.of(cache + ".jartime"))).isEqualTo(Files.getLastModifiedTime(jar));
        assertThat(loadedFrom(classes, "dev.marble.cli.Main")).contains("shared objects file");
    }

    /**
     * picocli's classes are Java 5 class files, which an AOT cache cannot hold: on JDK 25 and newer the launcher
     * upgrades them once per jar, puts them first on the class path, and they come from the cache; before 25 (a CDS
     * archive) it starts the jar as built.
     */
    @Test
    void picocliComesFromTheCacheOnJdk25() throws Exception {
        List<String> command = javaCommand(Map.of(), "--version");
        if (command.stream().noneMatch(o -> o.startsWith("-XX:AOTCache="))) {
            assertThat(command).contains("-jar");
            System.out.println(
                    "LauncherIT: the launcher's JDK is older than 25 (no AOT cache): picocli stays as built");
            return;
        }
        Path upgraded = root().resolve("marble-cli/target/upgraded-classes.jar");
        assertThat(command)
                .containsSubsequence(
                        "-cp",
                        upgraded + ":" + root().resolve("marble-cli/target/marble.jar"),
                        "dev.marble.cli.Main",
                        "--version");
        Path classes = temp.resolve("class-load.log");
        Run run = run(Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + classes), "./marble", "--version");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("marble ");
        assertThat(loadedFrom(classes, "picocli.CommandLine")).contains("shared objects file");
        assertThat(loadedFrom(classes, "picocli.CommandLine$Model$CommandSpec")).contains("shared objects file");
    }

    /** Each group of commands has a cache of its own, trained the first time one of them runs. */
    @Test
    void aCommandUsesTheCacheOfItsGroup() throws Exception {
        assertThat(javaCommand(Map.of(), "--version")).anyMatch(cacheOf("version"));
        assertThat(javaCommand(Map.of(), "--debug", "chain", "status")).anyMatch(cacheOf("chain"));
        assertThat(javaCommand(Map.of(), "chain", "start", "x")).anyMatch(cacheOf("pipe"));
        assertThat(javaCommand(Map.of(), "config")).anyMatch(cacheOf("config"));

        Path project = Files.createDirectories(temp.resolve("grouped"));
        Path classes = temp.resolve("class-load.log");
        ProcessBuilder builder = new ProcessBuilder(root().resolve("marble").toString(), "config")
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("config.out").toFile());
        builder.environment().put("HOME", temp.toString());
        builder.environment().put("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + classes);
        Process config = builder.start();
        assertThat(config.waitFor(110, TimeUnit.SECONDS)).isTrue();
        assertThat(config.exitValue())
                .as(Files.readString(temp.resolve("config.out")))
                .isZero();
        assertThat(loadedFrom(classes, "dev.marble.cli.ConfigCommand")).contains("shared objects file");
    }

    /**
     * {@code chain status} and {@code chain log} of a chain that ran find every class they load in their cache: one
     * missing (the progress file's reader was, as training never ran a chain) opens Marble's jar and reads its
     * directory of 9,000 entries at every such start.
     */
    @Test
    void theChainCommandsOfAChainThatRanLoadNothingFromTheJar() throws Exception {
        if (javaCommand(Map.of(), "chain", "list").stream().noneMatch(o -> o.startsWith("-XX:AOTCache="))) {
            System.out.println("LauncherIT: the launcher's JDK is older than 25 (no AOT cache): nothing to check");
            return;
        }
        Path project = temp.resolve("ran");
        copy(root().resolve("examples/review-loop"), project);
        Run chain = run(
                Map.of(),
                "./marble",
                "chain",
                "start",
                project.resolve("chains/review-loop.json").toString());
        assertThat(chain.exit()).as(chain.err()).isZero();
        for (String command : List.of("status", "log")) {
            Run trained = run(Map.of(), "./marble", "chain", command, "-C", project.toString(), "review-loop");
            assertThat(trained.exit()).as(trained.err()).isZero();
            Path classes = temp.resolve(command + "-classes.log");
            Run run = run(
                    Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + classes),
                    "./marble",
                    "chain",
                    command,
                    "-C",
                    project.toString(),
                    "review-loop");
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("review-loop");
            assertThat(Files.readAllLines(classes))
                    .as("classes chain " + command + " loaded from the jar")
                    .noneMatch(line -> line.contains("source: file:") && line.contains("marble.jar"))
                    .anyMatch(line -> line.contains(" dev.marble.cli.ChainCommand source: shared objects file"));
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) Files.createDirectories(target);
                else Files.copy(file, target);
            }
        }
    }

    /**
     * A cache made by another JDK (another install, or this one updated in place) is trained again. The other JDK is
     * this one seen through a folder of links with a release file that says something else: what the launcher reads.
     */
    @Test
    void aCacheMadeByAnotherJdkIsTrainedForAgain() throws Exception {
        Run first = run(Map.of(), "./marble", "--version");
        assertThat(first.exit()).as(first.err()).isZero();
        Path cache = cacheFile();
        Path realJdk = Path.of(javaCommand(Map.of(), "--version").getFirst())
                .getParent()
                .getParent();
        Path otherJdk = Files.createDirectories(temp.resolve("other-jdk"));
        try (var entries = Files.list(realJdk)) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().equals("release")) {
                    Files.createSymbolicLink(otherJdk.resolve(entry.getFileName()), entry);
                }
            }
        }
        Files.writeString(
                otherJdk.resolve("release"),
                Files.readString(realJdk.resolve("release")) + "IMPLEMENTOR_VERSION=\"updated in place\"\n");
        FileTime before = Files.getLastModifiedTime(cache);

        Path classes = temp.resolve("class-load.log");
        Run other = run(
                Map.of(
                        "MARBLE_JAVA_HOME",
                        otherJdk.toString(),
                        "JDK_JAVA_OPTIONS",
                        "-Xlog:class+load=info:file=" + classes),
                "./marble",
                "--version");
        assertThat(other.exit()).as(other.err()).isZero();
        assertThat(Files.getLastModifiedTime(cache)).isNotEqualTo(before);
        assertThat(Files.readString(Path.of(cache + ".jdk"))).startsWith(otherJdk.toString());
        assertThat(loadedFrom(classes, "dev.marble.cli.Main")).contains("shared objects file");

        // Back with the JDK as it is: trained for it again, and used.
        Run back = run(Map.of(), "./marble", "--version");
        assertThat(back.exit()).as(back.err()).isZero();
        assertThat(Files.readString(Path.of(cache + ".jdk"))).startsWith(realJdk.toString());
        try (var links = Files.list(otherJdk)) {
            for (Path link : links.toList()) Files.delete(link); // the links only, never what they point to
        }
    }

    /** Short commands get a JVM tuned to start; a chain, which runs for hours, the JIT's full optimisation. */
    @Test
    void shortCommandsAndLongOnesGetTheirOwnJvmOptions() throws Exception {
        assertThat(javaCommand(Map.of(), "pipe", "hello")).contains("-XX:TieredStopAtLevel=1");
        assertThat(javaCommand(Map.of(), "--debug", "chain", "status")).contains("-XX:TieredStopAtLevel=1");
        assertThat(javaCommand(Map.of(), "chain", "start", "x")).doesNotContain("-XX:TieredStopAtLevel=1");
        assertThat(javaCommand(Map.of(), "--debug", "loop", "x")).doesNotContain("-XX:TieredStopAtLevel=1");
        assertThat(javaCommand(Map.of(), "models", "pull", "x")).doesNotContain("-XX:TieredStopAtLevel=1");
        assertThat(javaCommand(Map.of(), "--no-color", "chain", "start", "x"))
                .doesNotContain("-XX:TieredStopAtLevel=1");
    }

    /**
     * The journal is written after the answer is printed, and still before the process exits: once {@code marble
     * pipe} has exited, its call is in {@code .marble/journal.db}.
     */
    @Test
    void aCallIsInTheJournalOnceThePipeProcessHasExited() throws Exception {
        Path project = Files.createDirectories(temp.resolve("journaled"));
        Files.copy(root().resolve("examples/hello/replies.yaml"), project.resolve("replies.yaml"));
        ProcessBuilder builder = new ProcessBuilder(
                        root().resolve("marble").toString(), "pipe", "-m", "scripted:replies.yaml", "Say hello")
                .directory(project.toFile())
                .redirectOutput(temp.resolve("pipe.out").toFile())
                .redirectError(temp.resolve("pipe.err").toFile());
        builder.environment().put("HOME", temp.toString());
        Process pipe = builder.start();
        assertThat(pipe.waitFor(110, TimeUnit.SECONDS)).isTrue();
        assertThat(pipe.exitValue())
                .as(Files.readString(temp.resolve("pipe.err")))
                .isZero();
        assertThat(Files.readString(temp.resolve("pipe.out"))).startsWith("Hello from Marble!");
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + project.resolve(".marble/journal.db"));
                var rows = db.createStatement().executeQuery("SELECT status, model, output_tokens FROM calls")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("status")).isEqualTo("ok");
            assertThat(rows.getString("model")).isEqualTo("scripted:replies.yaml");
            assertThat(rows.getInt("output_tokens")).isEqualTo(58);
            assertThat(rows.next()).isFalse();
        }
    }

    /** The java command the launcher would run for {@code args}, as it prints it. */
    private List<String> javaCommand(Map<String, String> extra, String... args) throws Exception {
        Map<String, String> env = new HashMap<>(extra);
        env.put("MARBLE_PRINT_JAVA_COMMAND", "1");
        String[] command = new String[args.length + 1];
        command[0] = "./marble";
        System.arraycopy(args, 0, command, 1, args.length);
        Run run = run(env, command);
        assertThat(run.exit()).as(run.err()).isZero();
        return run.out().lines().toList();
    }

    /** The start-up cache of marble --version: an AOT cache with JDK 25 and newer, a CDS archive before. */
    private static Path cacheFile() {
        Path target = root().resolve("marble-cli/target");
        return Stream.of(target.resolve("marble-version.aot"), target.resolve("marble-version.jsa"))
                .filter(Files::exists)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the launcher made no start-up cache in " + target));
    }

    /** The JVM option that maps in the cache of {@code group}. */
    private static Predicate<String> cacheOf(String group) {
        return option -> option.matches("-XX:(AOTCache|SharedArchiveFile)=.*/marble-" + group + "\\.(aot|jsa)");
    }

    /** Where the JVM said it loaded {@code className} from, in a {@code -Xlog:class+load} file. */
    private static String loadedFrom(Path log, String className) throws IOException {
        return Files.readAllLines(log).stream()
                .filter(line -> line.contains(" " + className + " source: "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(className + " was not loaded"));
    }

    @Test
    void withoutASuitableJdkTheLauncherSaysWhatToInstall() throws Exception {
        Run run = run(
                Map.of("MARBLE_JDK_DIRS", "/usr/lib/jvm/java-17-openjdk-amd64", "PATH", "/bin"), "./marble", "version");
        assertThat(run.exit()).isEqualTo(5);
        assertThat(run.err())
                .startsWith("marble: needs a JDK 21 or newer")
                .contains("apt install openjdk-21-jdk")
                .contains("MARBLE_JAVA_HOME");
        assertThat(run.err().lines().toList()).hasSize(1);
    }

    @Test
    void marbleJavaHomeIsUsedWhenItIsRecentEnough() throws Exception {
        List<Path> jdks;
        try (var dirs = Files.list(Path.of("/usr/lib/jvm"))) {
            jdks = dirs.filter(d -> Files.isExecutable(d.resolve("bin/java"))).toList();
        }
        Path recent = jdks.stream()
                .filter(d -> !d.toString().contains("17"))
                .findFirst()
                .orElseThrow();
        Run run = run(Map.of("MARBLE_JAVA_HOME", recent.toString()), "./marble", "--version");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("marble ");
    }
}
