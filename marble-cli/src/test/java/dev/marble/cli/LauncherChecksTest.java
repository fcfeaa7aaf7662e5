package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two checks {@code ./marble} makes at every start without starting a process: whether the jar is older than
 * any source (then it builds), and which JDK to use (remembered between starts). Run against a copy of the launcher
 * in a checkout of its own, with a stand-in jar and {@code MARBLE_NO_BUILD=1}, so that "stale" is an exit code, not a
 * build: the real checkout's sources and jar are never touched.
 */
class LauncherChecksTest {

    private static final List<String> MODULES = List.of(
            "marble-core",
            "marble-mcp",
            "marble-chain",
            "marble-otel",
            "marble-api",
            "marble-ui",
            "marble-local",
            "marble-cli");
    private static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant BUILT = Instant.parse("2026-02-01T00:00:00Z");

    @TempDir
    Path temp;

    private Path checkout;
    private Path jar;
    private Path source;

    private static Path root() {
        return Path.of(System.getProperty("marble.root", "..")).toAbsolutePath().normalize();
    }

    @BeforeEach
    void aCheckoutBuiltAfterItsSources() throws IOException {
        checkout = Files.createDirectories(temp.resolve("checkout"));
        Files.copy(root().resolve("marble"), checkout.resolve("marble"));
        Files.createDirectories(checkout.resolve("build"));
        Files.copy(root().resolve("build/find-jdk.sh"), checkout.resolve("build/find-jdk.sh"));
        Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
        for (String module : MODULES) {
            Path main = Files.createDirectories(checkout.resolve(module + "/src/main/java/dev/marble"));
            Files.writeString(checkout.resolve(module + "/pom.xml"), "<project/>\n");
            Files.writeString(main.resolve("Some.java"), "class Some {}\n");
        }
        source = checkout.resolve("marble-chain/src/main/java/dev/marble/Some.java");
        jar = Files.createDirectories(checkout.resolve("marble-cli/target")).resolve("marble.jar");
        Files.writeString(jar, "not a jar: the checks only compare its time\n");
        try (var all = Files.walk(checkout)) {
            for (Path path : all.toList()) Files.setLastModifiedTime(path, FileTime.from(LONG_AGO));
        }
        Files.setLastModifiedTime(jar, FileTime.from(BUILT));
    }

    private record Run(int exit, String out, String err) {}

    /** {@code ./marble --version} as far as the java command it would run, or its refusal to build. */
    private Run marble(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        "bash", checkout.resolve("marble").toString(), "--version")
                .directory(temp.toFile())
                .redirectOutput(temp.resolve("out").toFile())
                .redirectError(temp.resolve("err").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.environment().put("HOME", temp.resolve("home").toString());
        builder.environment().put("MARBLE_NO_BUILD", "1");
        builder.environment().put("MARBLE_PRINT_JAVA_COMMAND", "1");
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(
                process.exitValue(),
                Files.readString(temp.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(temp.resolve("err"), StandardCharsets.UTF_8));
    }

    private Run marble() throws IOException, InterruptedException {
        return marble(Map.of());
    }

    private static void assertStale(Run run) {
        assertThat(run.exit()).as(run.err()).isEqualTo(5);
        assertThat(run.err()).contains("is missing or stale and MARBLE_NO_BUILD=1");
    }

    /** The launcher went on to the java command, which starts the jar. */
    private void assertFresh(Run run) {
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains(jar.toString());
    }

    private static void age(Path path) throws IOException {
        Files.setLastModifiedTime(path, FileTime.from(LONG_AGO));
    }

    @Test
    void aSourceEditedInPlaceAfterTheBuildMakesTheJarStale() throws Exception {
        assertFresh(marble());
        assertThat(checkout.resolve("marble-cli/target/launcher-sources")).exists();
        Files.writeString(source, "class Some { int changed; }\n"); // in place: its folder's time stays
        assertThat(Files.getLastModifiedTime(source.getParent()).toInstant()).isEqualTo(LONG_AGO);
        assertStale(marble());
        age(source);
        assertFresh(marble());
    }

    @Test
    void aSourceAddedOrRemovedMakesTheJarStaleThroughItsFolder() throws Exception {
        assertFresh(marble());
        Path added = source.resolveSibling("Added.java");
        Files.writeString(added, "class Added {}\n");
        age(added); // a file older than the jar (copied with its time), which only its folder's time reveals
        assertStale(marble());
        age(source.getParent());
        assertFresh(marble());
        Files.delete(added);
        assertStale(marble());
    }

    @Test
    void aBuildFileChangedMakesTheJarStale() throws Exception {
        assertFresh(marble());
        Files.setLastModifiedTime(checkout.resolve("marble-local/pom.xml"), FileTime.from(Instant.now()));
        assertStale(marble());
    }

    @Test
    void theListOfSourcesIsTakenAgainAfterEachBuild() throws Exception {
        assertFresh(marble());
        Path list = checkout.resolve("marble-cli/target/launcher-sources");
        assertThat(Files.readAllLines(list)).contains(source.toString()).noneMatch(line -> line.contains("Later"));
        // A source added and the jar built after it: the next start lists it, so an edit of it counts.
        Path later = source.resolveSibling("Later.java");
        Files.writeString(later, "class Later {}\n");
        age(later);
        Instant rebuilt = Instant.now().plusSeconds(60); // after the list was written
        Files.setLastModifiedTime(source.getParent(), FileTime.from(BUILT));
        Files.setLastModifiedTime(jar, FileTime.from(rebuilt));
        assertFresh(marble());
        assertThat(Files.readAllLines(list)).contains(later.toString());
        Files.writeString(later, "class Later { int changed; }\n");
        Files.setLastModifiedTime(later, FileTime.from(rebuilt.plusSeconds(60)));
        assertStale(marble());
    }

    // ---- which JDK: marble_select_jdk_cached in build/find-jdk.sh ----------------------------------------------

    /** A folder that reads as a JDK of {@code major} to the launcher (its release file and an executable java). */
    private Path fakeJdk(Path dir, int major) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("release"), "JAVA_VERSION=\"" + major + ".0.1\"\n");
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    /** The JDK {@code marble_select_jdk_cached FILE} chooses, in a bash of its own with {@code env}. */
    private String chosen(Path file, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        "bash",
                        "-c",
                        "set -euo pipefail; source \"$1\"; marble_select_jdk_cached \"$2\"; printf '%s' \"$marble_jdk\"",
                        "choose",
                        root().resolve("build/find-jdk.sh").toString(),
                        file.toString())
                .directory(temp.toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void theJdkChosenIsRememberedUntilWhatItCameFromChanges() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Path jdks = Files.createDirectories(home.resolve(".jdks"));
        Path old = fakeJdk(jdks.resolve("old"), 97);
        Path file = temp.resolve("launcher-jdk");
        Map<String, String> env = Map.of("HOME", home.toString());
        assertThat(chosen(file, env)).isEqualTo(old.toString());
        assertThat(file).exists();

        // A newer JDK put where JDKs are installed, the folder's time set back: the remembered choice stands,
        // which shows that it is remembered.
        Path newer = fakeJdk(jdks.resolve("newer"), 98);
        Files.setLastModifiedTime(jdks, FileTime.from(LONG_AGO));
        assertThat(chosen(file, env)).isEqualTo(old.toString());
        // Installing it changed the folder: taken again.
        Files.setLastModifiedTime(jdks, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(chosen(file, env)).isEqualTo(newer.toString());

        // What steers the choice, changed: MARBLE_JAVA_HOME wins when recent enough.
        Path mine = fakeJdk(temp.resolve("mine"), 21);
        assertThat(chosen(file, Map.of("HOME", home.toString(), "MARBLE_JAVA_HOME", mine.toString())))
                .isEqualTo(mine.toString());
        assertThat(chosen(file, env)).isEqualTo(newer.toString());

        // The JDK remembered is no longer recent enough (updated in place to an older release): taken again.
        Files.writeString(newer.resolve("release"), "JAVA_VERSION=\"17.0.9\"\n");
        Files.setLastModifiedTime(jdks, FileTime.from(LONG_AGO));
        assertThat(chosen(file, env)).isEqualTo(old.toString());

        // A file cut short or of another kind is no choice.
        Files.writeString(file, "MARBLE_JAVA_HOME=");
        assertThat(chosen(file, env)).isEqualTo(old.toString());
    }
}
