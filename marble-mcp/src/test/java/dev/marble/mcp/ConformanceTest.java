package dev.marble.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official MCP conformance suite's client scenarios against Marble's client
 * ({@link ConformanceClient}): {@code initialize} (protocol version and client info),
 * {@code tools_call} (call add_numbers on a stateless server), and {@code sse-retry} (the tool
 * call's SSE stream drops after a priming event; the client must resume it with GET and
 * Last-Event-ID after the server's retry delay, 450–700 ms, and read the answer there). The suite
 * exits 0 only when no check failed or warned.
 */
class ConformanceTest {

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"initialize", "tools_call", "sse-retry"})
    void passes(String scenario) throws IOException, InterruptedException {
        Path node = McpPeers.node();
        Path suite = McpPeers.conformance();
        Path client = clientScript();
        Process process = new ProcessBuilder(
                        node.toString(),
                        "-r",
                        McpPeers.resource("loopback.cjs").toString(),
                        suite.toString(),
                        "client",
                        "--command",
                        client.toString(),
                        "--scenario",
                        scenario,
                        "--timeout",
                        "30000")
                .directory(work.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as("conformance %s:%n%s", scenario, output)
                .isZero();
        assertThat(output).contains("OVERALL: PASSED");
    }

    /** The suite splits its --command on spaces: a script keeps the class path out of it. */
    private Path clientScript() throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path script = work.resolve("marble-conformance-client.sh");
        Files.writeString(
                script,
                String.join(
                        "\n",
                        List.of(
                                "#!/bin/sh",
                                "exec " + quote(java.toString()) + " -XX:TieredStopAtLevel=1 -cp " + quote(classPath)
                                        + " " + ConformanceClient.class.getName() + " \"$@\"",
                                "")));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        assertThat(script.toString()).doesNotContain(" ");
        assertThat(classPath).contains(File.pathSeparator);
        return script;
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
