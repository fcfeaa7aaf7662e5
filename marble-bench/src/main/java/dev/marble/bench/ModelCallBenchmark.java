package dev.marble.bench;

import dev.marble.Marble;
import dev.marble.config.Environment;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.ModelRef;
import dev.marble.model.StreamListener;
import dev.marble.provider.ChatModel;
import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeModelServer;
import dev.marble.testkit.FakeOpenAiServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Time per model call: Marble's whole path (request mapping, HTTP, response parsing, retry wrapper,
 * pricing, events, and the journal writing every call to SQLite on its own thread) beside the
 * floor, a bare JDK HttpClient posting a fixed body to the same fake server and reading the answer.
 * Both run in one JVM against one loopback server, so the server's own cost is in both figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED"})
public class ModelCallBenchmark {

    /** Which wire protocol: the fake server and Marble's provider change together. */
    @Param({"openai", "anthropic"})
    public String protocol;

    /** Whether the answer streams (SSE) or comes whole (JSON). */
    @Param({"false", "true"})
    public boolean stream;

    private FakeModelServer server;
    private Marble marble;
    private ChatModel marbleModel;
    private ChatModel marbleWithoutJournal;
    private HttpClient floorClient;
    private HttpRequest floorRequest;
    private ChatRequest request;
    private StreamListener listener;
    private Path project;

    @Setup(Level.Trial)
    public void start() throws IOException {
        server = protocol.equals("openai") ? FakeOpenAiServer.start() : FakeAnthropicServer.start();
        server.keepRequests(0);
        project = Files.createTempDirectory("marble-bench");
        Files.createDirectories(project.resolve(".marble"));
        Environment environment = new Environment(Map.of(
                "OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "bench-key-123456",
                "ANTHROPIC_BASE_URL", server.baseUrl(), "ANTHROPIC_API_KEY", "bench-key-123456"), project, project);
        marble = Marble.start(environment, System.err::println);
        marble.openJournal();
        ModelRef ref = protocol.equals("openai") ? new ModelRef("openai", "gpt-4.1-mini")
                : new ModelRef("anthropic", "claude-sonnet-4-6");
        marbleModel = marble.model(ref, List.of(), "bench");
        marbleWithoutJournal = marble.providerModel(ref);
        request = ChatRequest.of("You are terse.", "Say hello in five words.");
        listener = stream ? new StreamListener() {} : StreamListener.NONE;

        floorClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        floorRequest = floorRequest(protocol, stream, server.baseUrl());
    }

    /** The same request Marble sends, written once, with only the headers the API requires. */
    private static HttpRequest floorRequest(String protocol, boolean stream, String baseUrl) {
        String streaming = stream ? ",\"stream\":true" : "";
        if (protocol.equals("openai")) {
            String body = "{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"You are terse.\"},"
                    + "{\"role\":\"user\",\"content\":\"Say hello in five words.\"}]"
                    + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
            return HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                    .header("content-type", "application/json").header("authorization", "Bearer bench-key-123456")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }
        String body = "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":8192,\"system\":\"You are terse.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Say hello in five words.\"}]}]"
                + streaming + "}";
        return HttpRequest.newBuilder(URI.create(baseUrl + "/v1/messages"))
                .header("content-type", "application/json").header("x-api-key", "bench-key-123456")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        marble.close();
        server.close();
        try (var files = Files.walk(project)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public String floor() throws IOException, InterruptedException {
        if (!stream) return floorClient.send(floorRequest, HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<InputStream> response = floorClient.send(floorRequest, HttpResponse.BodyHandlers.ofInputStream());
        String last = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) last = line;
        }
        return last;
    }

    @Benchmark
    public ChatResponse marble() {
        return marbleModel.chat(request, listener);
    }

    @Benchmark
    public ChatResponse marbleProviderOnly() {
        return marbleWithoutJournal.chat(request, listener);
    }

}
