package dev.marble.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import dev.marble.testkit.StandInClaude;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code marble ui} (a real process) showing a chain started with {@code marble chain start --engine temporal} (a real
 * process too) as its workflow sees it, against Temporal's test server and a {@code marble worker} ({@link
 * WorkerMain}): the link running and the worker holding the chain, through the status query; then, with the server
 * gone, the state files with a note saying so. The server is this test's own, since the test stops it.
 */
class DashboardOnTemporalIT {

    @TempDir
    Path temp;

    @Test
    void theDashboardShowsTheWorkflowsViewAndTheFilesWithANoteOnceTheServerIsGone() throws Exception {
        Path project = Files.createDirectories(temp.resolve("project"));
        Files.createDirectories(project.resolve("chains"));
        Files.writeString(project.resolve("marble.json"), """
                {"temporal": {"task_queue": "tq-ui", "timeouts": {"heartbeat": 2, "schedule_to_start": 3}}}
                """);
        Files.writeString(project.resolve("chains/shown.json"), """
                {"max_rounds": 1, "links": [{"name": "worker", "model": "sonnet", "prompt": "{STATE_DIR} worker"}]}
                """);
        StandInClaude.install(temp.resolve("bin"));
        Files.createDirectories(temp.resolve("home"));
        List<AutoCloseable> running = new ArrayList<>();
        try (TemporalServerProcess server = TemporalServerProcess.start()) {
            Map<String, String> env = new HashMap<>();
            env.put("PATH", temp.resolve("bin") + ":/usr/bin:/bin");
            env.put("HOME", temp.resolve("home").toString());
            env.put("TEMPORAL_ADDRESS", server.address());
            Map<String, String> workerEnv = new HashMap<>(env);
            workerEnv.put("STANDIN_CLAUDE_AGENT", "sleep 120");
            workerEnv.put("MARBLE_TEMPORAL_STICKY", "false");
            running.add(WorkerProcess.start(server.address(), "w1", 1, project, temp.resolve("w1.out"), workerEnv));
            var started = dev.marble.temporal.agent.CliProcess.run(
                    project, env, "chain", "start", "shown", "--engine", "temporal");
            assertThat(started.exit()).as(started.err()).isZero();
            assertThat(project.resolve("state/shown/engine.txt")).exists();

            Process ui = startUi(project, env);
            running.add(ui::destroyForcibly);
            URI base = uri(ui);

            JsonNode chain = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                chain = chains(base).get(0);
                if ("worker".equals(chain.path("engine").path("link_running").asString(null))) break;
                Thread.sleep(200);
            }
            assertThat(chain.path("engine").path("note").isNull())
                    .as(chain.toString())
                    .isTrue();
            assertThat(chain.path("engine").path("link_running").asString()).isEqualTo("worker");
            assertThat(chain.path("engine").path("worker").asString()).isEqualTo("tq-ui@w1");
            assertThat(chain.path("engine").path("running").asBoolean()).isTrue();
            assertThat(chain.path("running").asBoolean()).isTrue();
            assertThat(get(base.resolve("/chains/shown")))
                    .contains("<span id=\"link-running\">worker</span>")
                    .contains("on worker tq-ui@w1");

            server.close();
            long asking = System.nanoTime();
            JsonNode gone = chains(base).get(0);
            double seconds = (System.nanoTime() - asking) / 1e9;

            assertThat(gone.path("engine").path("note").asString()).endsWith("shown from the state files");
            assertThat(gone.path("status").asString()).as("the files' word").isEqualTo("RUNNING");
            assertThat(get(base.resolve("/chains/shown"))).contains("id=\"engine-note\"");
            System.out.println(
                    "with the server gone: " + gone.path("engine").path("note").asString() + " (in " + seconds + " s)");
        } finally {
            for (AutoCloseable part : running.reversed()) part.close();
        }
    }

    private static Process startUi(Path project, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 24) command.add("--sun-misc-unsafe-memory-access=allow");
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "dev.marble.cli.Main",
                "ui",
                "--port",
                "0",
                "-C",
                project.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(project.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        return builder.start();
    }

    /** The address {@code marble ui} prints first: {@code [marble ui] http://127.0.0.1:PORT/  (...)}. */
    private static URI uri(Process ui) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(ui.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("marble ui's first line").startsWith("[marble ui] http://");
        return URI.create(line.split(" ")[2]);
    }

    private static JsonNode chains(URI base) throws Exception {
        return Json.parse(get(base.resolve("/api/chains")));
    }

    private static String get(URI uri) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(uri.toString()).isEqualTo(200);
        return response.body();
    }
}
