package dev.marble.bench;

import dev.marble.Marble;
import dev.marble.config.Environment;
import dev.marble.model.ChatRequest;
import dev.marble.model.ModelRef;
import dev.marble.model.StreamListener;
import dev.marble.provider.ChatModel;
import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeModelServer;
import dev.marble.testkit.FakeOpenAiServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the benchmarks compare, set up once: a fake server of one protocol on loopback, and three
 * ways to make one call to it.
 * <ul>
 *   <li>{@link #floor()}: a bare JDK HttpClient posting the body Marble would send and reading the answer;</li>
 *   <li>{@link #marble()}: Marble's whole call path, as a command uses it: request mapping, HTTP,
 *       response parsing, the retry and fallback wrapper, pricing, events;</li>
 *   <li>{@link #marbleJournaled()}: the same with the journal on, which writes every call to SQLite on a
 *       thread of its own; the call never waits for it, but its work competes for the same cores.</li>
 * </ul>
 * Every call asks something new, as real calls do: the journal stores each distinct message once, so
 * repeating one prompt would hide what recording a call costs.
 */
final class CallRig implements AutoCloseable {

    private final boolean openAi;
    private final boolean stream;
    private final FakeModelServer server;
    private final Path project;
    private final Marble marble;
    private final Marble journaled;
    private final ChatModel marbleModel;
    private final ChatModel journaledModel;
    private final HttpClient floorClient =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final StreamListener listener;
    private long calls;

    CallRig(String protocol, boolean stream) {
        this.openAi = protocol.equals("openai");
        this.stream = stream;
        this.server = openAi ? FakeOpenAiServer.start() : FakeAnthropicServer.start();
        server.keepRequests(0); // a long run's request history would slow every garbage collection
        try {
            project = Files.createTempDirectory("marble-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Environment environment = new Environment(
                Map.of(
                        "OPENAI_BASE_URL",
                        server.baseUrl(),
                        "OPENAI_API_KEY",
                        "bench-key-123456",
                        "ANTHROPIC_BASE_URL",
                        server.baseUrl(),
                        "ANTHROPIC_API_KEY",
                        "bench-key-123456"),
                project,
                project);
        ModelRef ref = openAi ? new ModelRef("openai", "gpt-4.1-mini") : new ModelRef("anthropic", "claude-sonnet-4-6");
        marble = Marble.start(environment, System.err::println);
        marbleModel = marble.model(ref, List.of(), "bench");
        journaled = Marble.start(environment, System.err::println);
        journaled.openJournal();
        journaledModel = journaled.model(ref, List.of(), "bench");
        listener = stream ? new StreamListener() {} : StreamListener.NONE;
    }

    private String prompt() {
        return "Say hello in five words. (call " + (++calls) + ")";
    }

    Object floor() throws IOException, InterruptedException {
        HttpRequest request = floorRequest(prompt());
        if (!stream)
            return floorClient
                    .send(request, HttpResponse.BodyHandlers.ofString())
                    .body();
        HttpResponse<InputStream> response = floorClient.send(request, HttpResponse.BodyHandlers.ofInputStream());
        String last = null;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) last = line;
        }
        return last;
    }

    Object marble() {
        return marbleModel.chat(ChatRequest.of("You are terse.", prompt()), listener);
    }

    Object marbleJournaled() {
        return journaledModel.chat(ChatRequest.of("You are terse.", prompt()), listener);
    }

    /** The same request Marble sends, with only the headers the API requires. */
    private HttpRequest floorRequest(String prompt) {
        if (openAi) {
            String body =
                    "{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"You are terse.\"},"
                            + "{\"role\":\"user\",\"content\":\"" + prompt + "\"}]"
                            + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
            return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                    .header("content-type", "application/json")
                    .header("authorization", "Bearer bench-key-123456")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        }
        String body = "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":8192,\"system\":\"You are terse.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + prompt + "\"}]}]"
                + (stream ? ",\"stream\":true" : "") + "}";
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/messages"))
                .header("content-type", "application/json")
                .header("x-api-key", "bench-key-123456")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    @Override
    public void close() throws IOException {
        marble.close();
        journaled.close();
        server.close();
        try (var files = Files.walk(project)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
