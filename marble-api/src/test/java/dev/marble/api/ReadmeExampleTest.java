package dev.marble.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Java API example is {@code examples/java/AgentsExample.java}, word for word; this compiles that file
 * against Marble's jars as a user would and runs it, in a copy of the repository's examples, in a JVM of its own.
 */
@Timeout(120)
class ReadmeExampleTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLE = ROOT.resolve("examples/java/AgentsExample.java");

    @TempDir
    Path temp;

    @Test
    void theReadmeShowsTheExampleFileWordForWord() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher block = Pattern.compile("```java\n(import dev\\.marble\\.Marble;.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("README has a ```java block starting with the example's imports").isTrue();
        assertThat(block.group(1)).isEqualTo(Files.readString(EXAMPLE));
    }

    @Test
    void theExampleCompilesAndRunsOffline() throws Exception {
        copy(ROOT.resolve("examples"), temp.resolve("examples"));
        Path classes = Files.createDirectories(temp.resolve("classes"));
        String classpath = System.getProperty("java.class.path");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(null, diagnostics, diagnostics, "-d", classes.toString(), "-cp", classpath,
                "-Xlint:all", "-Werror", EXAMPLE.toString());
        assertThat(compiled).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(javaBinary, "-cp", classes + java.io.File.pathSeparator + classpath,
                "AgentsExample").directory(temp.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(100, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("[tool] read_file", "[tool] summarizer",
                "Your notes say three things", "ANSWERED: 3 turns, ", "Hello from Marble!",
                "chain: COMPLETED after 1 round(s)");
        assertThat(temp.resolve(".marble/journal.db")).exists();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) Files.createDirectories(target);
                else Files.copy(file, target);
            }
        }
    }
}
