package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code marble ui} through the real launcher and packaged jar: it prints its address and serves the chains page
 * there; bound to another address it prints an access token, and a request without it is refused.
 */
@Timeout(300) // a start after a build trains the start-up cache first
class UiLauncherIT {

    private static final Pattern ADDRESS = Pattern.compile("(http://[0-9.]+:[0-9]+/)(\\?token=([0-9a-f]+))?");

    @TempDir
    Path temp;

    private static Path root() {
        return Path.of(System.getProperty("marble.root", "..")).toAbsolutePath().normalize();
    }

    /** Starts {@code ./marble ui ARGS} in a project with one chain; returns the first line naming an address. */
    private Matcher start(List<Process> started, String... args) throws Exception {
        Path project = Files.createDirectories(temp.resolve("project"));
        Files.createDirectories(project.resolve("chains"));
        Files.writeString(project.resolve("chains/nightly.json"), """
                {"max_rounds": 2, "links": [{"name": "worker", "model": "scripted:r.yaml", "prompt": "w"}]}
                """);
        List<String> command = new ArrayList<>(List.of(root().resolve("marble").toString(), "ui", "--port", "0"));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        builder.environment().put("HOME", temp.toString());
        Process process = builder.start();
        started.add(process);
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = lines.readLine()) != null; ) {
            seen.append(line).append('\n');
            Matcher found = ADDRESS.matcher(line);
            if (line.startsWith("[marble ui]") && found.find()) return found;
        }
        throw new AssertionError("marble ui printed no address:\n" + seen);
    }

    @Test
    void itServesTheChainsPageOnLoopback() throws Exception {
        List<Process> started = new ArrayList<>();
        try {
            Matcher address = start(started);
            assertThat(address.group(1)).startsWith("http://127.0.0.1:");
            assertThat(address.group(2)).isNull();
            var page = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(address.group(1))).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("nightly").contains("never started");
        } finally {
            started.forEach(Process::destroy);
        }
    }

    @Test
    void boundElsewhereItPrintsATokenAndRefusesRequestsWithoutIt() throws Exception {
        List<Process> started = new ArrayList<>();
        try {
            Matcher address = start(started, "--bind", "0.0.0.0");
            assertThat(address.group(3)).hasSizeGreaterThanOrEqualTo(32);
            HttpClient client = HttpClient.newHttpClient();
            var without = client.send(
                    HttpRequest.newBuilder(URI.create(address.group(1) + "api/chains"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(without.statusCode()).isEqualTo(403);
            var with = client.send(
                    HttpRequest.newBuilder(URI.create(address.group(1) + "api/chains?token=" + address.group(3)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(with.statusCode()).isEqualTo(200);
            assertThat(with.body()).contains("\"nightly\"");
        } finally {
            started.forEach(Process::destroy);
        }
    }
}
