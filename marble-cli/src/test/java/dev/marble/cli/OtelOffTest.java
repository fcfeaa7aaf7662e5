package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With OpenTelemetry not configured, a command loads no class of it: the real {@code marble} in a JVM of its own,
 * its class loading logged. The same command with an endpoint set does load the SDK, so the check can fail.
 */
class OtelOffTest {

    @TempDir
    Path temp;

    @Test
    void versionAndPipeLoadNoOpenTelemetryClassUnlessConfigured() throws Exception {
        try (FakeAnthropicServer anthropic = FakeAnthropicServer.start();
                OtlpReceiver receiver = OtlpReceiver.start()) {
            Map<String, String> env = Map.of(
                    "ANTHROPIC_BASE_URL", anthropic.baseUrl(), "ANTHROPIC_API_KEY", "sk-ant-otel-off-0123456789");

            assertThat(loadedClasses(env, "--version")).noneMatch(OtelOffTest::openTelemetry);

            anthropic.enqueue(FakeReply.text("hello"));
            List<String> pipe = loadedClasses(env, "pipe", "-m", "anthropic:claude-test-model", "Say hello");
            assertThat(pipe).as("the command ran").anyMatch(line -> line.contains("dev.marble.cli.PipeCommand"));
            assertThat(pipe).noneMatch(OtelOffTest::openTelemetry).noneMatch(line -> line.contains("dev.marble.otel."));

            anthropic.enqueue(FakeReply.text("hello"));
            var configured = new java.util.HashMap<>(env);
            configured.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
            assertThat(loadedClasses(configured, "pipe", "-m", "anthropic:claude-test-model", "Say hello"))
                    .anyMatch(OtelOffTest::openTelemetry);
            assertThat(receiver.spans())
                    .extracting(OtlpReceiver.ReceivedSpan::name)
                    .contains("chat claude-test-model");
        }
    }

    private static boolean openTelemetry(String classLoadLine) {
        return classLoadLine.contains("io.opentelemetry.");
    }

    /** Runs marble in a JVM of its own with {@code -Xlog:class+load} and returns the log's lines. */
    private List<String> loadedClasses(Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(temp, "classes", ".log");
        Path out = Files.createTempFile(temp, "out", ".txt");
        List<String> command = Stream.concat(
                        Stream.of(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "-Xlog:class+load=info:file=" + log,
                                "-cp",
                                System.getProperty("java.class.path"),
                                Main.class.getName()),
                        Stream.of(args))
                .toList();
        Path project = Files.createDirectories(temp.resolve("project"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().keySet().removeIf(name -> name.startsWith("OTEL_"));
        builder.environment()
                .put("HOME", Files.createDirectories(temp.resolve("home")).toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(out)).isZero();
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }
}
