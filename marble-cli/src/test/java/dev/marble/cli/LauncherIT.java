package dev.marble.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's quick start, word for word, through the real {@code ./marble} launcher and the
 * packaged jar, in an environment like a fresh machine's: no JAVA_HOME, and whatever java the PATH
 * has first (java 17 on this image). The launcher must find a JDK of 21 or newer by itself.
 */
@Timeout(120)
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
        builder.redirectOutput(temp.resolve("out").toFile()).redirectError(temp.resolve("err").toFile());
        Process process = builder.start();
        assertThat(process.waitFor(110, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(temp.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(temp.resolve("err"), StandardCharsets.UTF_8));
    }

    @Test
    void theQuickStartRunsTheBundledChainOffline() throws Exception {
        Run run = run(Map.of(), "./marble", "chain", "start", "--reset", "examples/review-loop/chains/review-loop.json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("reviewer (reviewer): start scripted:replies.yaml").contains("SHUTDOWN: ALL_TASKS_DONE");
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
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 24,
                "the tests run on JDK " + Runtime.version().feature() + ", which has no native-access warning");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path jar = root().resolve("marble-cli/target/marble.jar");
        Run run = run(Map.of(), java.toString(), "-jar", jar.toString(), "pipe", "-m",
                "scripted:examples/hello/replies.yaml", "Say hello");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("WARNING");
    }

    @Test
    void ctrlCStopsTheCallRecordsItAndExits130() throws Exception {
        Path project = java.nio.file.Files.createDirectories(temp.resolve("project"));
        Files.writeString(project.resolve("slow.yaml"), "- {text: too late, delay_ms: 20000}\n");
        ProcessBuilder builder = new ProcessBuilder(root().resolve("marble").toString(), "pipe", "-m", "scripted:slow.yaml", "hi")
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(temp.resolve("ctrl-c.out").toFile());
        builder.environment().put("HOME", temp.toString());
        Process process = builder.start();
        // Signal once the call is in flight: the model line is printed just before it. A fixed wait
        // would race the first start after a build, which trains the start-up cache first.
        Path output = temp.resolve("ctrl-c.out");
        for (int i = 0; i < 600 && !Files.readString(output).contains("model: scripted:slow.yaml"); i++) Thread.sleep(50);
        assertThat(Files.readString(output)).contains("model: scripted:slow.yaml");
        Thread.sleep(300); // past the header, into the call
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(130);
        ProcessBuilder inProject = new ProcessBuilder(root().resolve("marble").toString(), "logs")
                .directory(project.toFile()).redirectErrorStream(true);
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
        ProcessBuilder builder = new ProcessBuilder(root().resolve("marble").toString(), "loop", "--headless",
                "--export-conversation", "saved.json", "-m", "scripted:slow.yaml", "Look around")
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(temp.resolve("loop.out").toFile());
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
        assertThat(saved).contains("\"format\" : \"marble-conversation\"").contains("list_directory").contains("Look around");
    }

    @Test
    void withoutASuitableJdkTheLauncherSaysWhatToInstall() throws Exception {
        Run run = run(Map.of("MARBLE_JDK_DIRS", "/usr/lib/jvm/java-17-openjdk-amd64", "PATH", "/bin"),
                "./marble", "version");
        assertThat(run.exit()).isEqualTo(5);
        assertThat(run.err()).startsWith("marble: needs a JDK 21 or newer").contains("apt install openjdk-21-jdk")
                .contains("MARBLE_JAVA_HOME");
        assertThat(run.err().lines().toList()).hasSize(1);
    }

    @Test
    void marbleJavaHomeIsUsedWhenItIsRecentEnough() throws Exception {
        List<Path> jdks;
        try (var dirs = Files.list(Path.of("/usr/lib/jvm"))) {
            jdks = dirs.filter(d -> Files.isExecutable(d.resolve("bin/java"))).toList();
        }
        Path recent = jdks.stream().filter(d -> !d.toString().contains("17")).findFirst().orElseThrow();
        Run run = run(Map.of("MARBLE_JAVA_HOME", recent.toString()), "./marble", "--version");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("marble ");
    }
}
