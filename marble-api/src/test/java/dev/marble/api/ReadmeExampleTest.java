package dev.marble.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java API example is {@code examples/java/BudgetAgent.java}, word for word; this compiles the examples
 * of {@code examples/java} against Marble's jars as a user would and runs each, in a copy of the repository's
 * examples, in a JVM of its own.
 */
@Timeout(120)
class ReadmeExampleTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLES = ROOT.resolve("examples/java");

    @TempDir
    Path temp;

    @Test
    void theReadmeShowsTheExampleFileWordForWord() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher block = Pattern.compile("```java\n(import dev\\.marble\\.api\\.\\*;.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find())
                .as("README has a ```java block starting with the example's imports")
                .isTrue();
        assertThat(block.group(1)).isEqualTo(Files.readString(EXAMPLES.resolve("BudgetAgent.java")));
    }

    @Test
    void theReadmeExampleImportsTheLibraryApiAloneAndRunsOffline() throws Exception {
        String source = Files.readString(EXAMPLES.resolve("BudgetAgent.java"));
        assertThat(source.lines().filter(line -> line.startsWith("import ")))
                .allMatch(line -> line.equals("import dev.marble.api.*;") || line.startsWith("import java."));

        String output = compileAndRun("BudgetAgent");

        assertThat(output).contains("COMPLETED: two things packed [umbrella, rain boots] in 3 turns, 520 tokens, $0");
        assertThat(output).doesNotContain("third thing");
    }

    @Test
    void theAgentsExampleCompilesAndRunsOffline() throws Exception {
        String output = compileAndRun("AgentsExample");

        assertThat(output)
                .contains(
                        "[tool] read_file",
                        "[tool] summarizer",
                        "Your notes say three things",
                        "ANSWERED: 3 turns, ",
                        "Hello from Marble!",
                        "chain: COMPLETED after 1 round(s)");
        assertThat(temp.resolve(".marble/journal.db")).exists();
    }

    /**
     * Compiles {@code examples/java/NAME.java} with every warning an error, runs it from a copy of the examples, and
     * returns what it printed; it must exit with 0.
     */
    private String compileAndRun(String name) throws Exception {
        copy(ROOT.resolve("examples"), temp.resolve("examples"));
        Path classes = Files.createDirectories(temp.resolve("classes"));
        String classpath = System.getProperty("java.class.path");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(
                null,
                diagnostics,
                diagnostics,
                "-d",
                classes.toString(),
                "-cp",
                classpath,
                "-Xlint:all",
                "-Werror",
                EXAMPLES.resolve(name + ".java").toString());
        assertThat(compiled).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(javaBinary, "-cp", classes + File.pathSeparator + classpath, name)
                .directory(temp.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(100, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
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
