package dev.marble.bench;

import dev.marble.testkit.FakeOpenAiServer;
import dev.marble.testkit.SeenRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor for a {@link RunShape} run: a bare JDK HttpClient posting, one after another, the three bodies a
 * framework's run sends (recorded from one real run of it), reading each answer to its end, and calling the tool
 * inline between them. No parsing, no agent: what any framework on the JDK client must at least spend.
 */
final class FloorAgent implements BenchAgent {

    private final HttpClient client;
    private final URI endpoint;
    private final List<String> bodies;
    private final boolean stream;
    private final AtomicLong toolCalls = new AtomicLong();

    /**
     * Replays the bodies of one run of {@code framework} ("marble" streams; "langchain4j" does not).
     * {@code virtualExecutor}: the client runs its work on virtual threads instead of its default pool of
     * platform threads.
     */
    FloorAgent(String baseUrl, String framework, Path project, boolean virtualExecutor) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        if (virtualExecutor) builder.executor(Executors.newVirtualThreadPerTaskExecutor());
        this.client = builder.build();
        this.endpoint = URI.create(baseUrl + "/chat/completions");
        this.bodies = recordBodies(framework, project);
        this.stream = bodies.getFirst().contains("\"stream\":true");
    }

    /** The request bodies of one run of {@code framework}, as the fake received them. */
    static List<String> recordBodies(String framework, Path project) {
        try (FakeOpenAiServer recorder = FakeOpenAiServer.start()) {
            recorder.respondWith(RunShape.RESPONDER);
            try (BenchAgent agent = AgentLoadHarness.agent(framework, recorder.baseUrl(), project, false)) {
                String error = agent.run();
                if (error != null) throw new IllegalStateException(framework + " run failed: " + error);
            } catch (Exception e) {
                throw new IllegalStateException("cannot record a " + framework + " run", e);
            }
            List<String> bodies = new ArrayList<>();
            for (SeenRequest request : recorder.requests())
                bodies.add(request.body().toString());
            if (bodies.size() != RunShape.MODEL_CALLS) {
                throw new IllegalStateException(framework + " made " + bodies.size() + " model calls, not 3");
            }
            return List.copyOf(bodies);
        }
    }

    List<String> bodies() {
        return bodies;
    }

    @Override
    public String run() throws IOException, InterruptedException {
        for (int call = 0; call < bodies.size(); call++) {
            if (call > 0) {
                toolCalls.incrementAndGet();
                RunShape.lookup(call - 1);
            }
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .header("content-type", "application/json")
                    .header("authorization", "Bearer bench-key-123456")
                    .POST(HttpRequest.BodyPublishers.ofString(bodies.get(call)))
                    .build();
            int status;
            if (stream) {
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    body.transferTo(OutputStreamSink.INSTANCE);
                }
                status = response.statusCode();
            } else {
                status = client.send(request, HttpResponse.BodyHandlers.ofString())
                        .statusCode();
            }
            if (status != 200) return "status " + status;
        }
        return null;
    }

    @Override
    public long toolCalls() {
        return toolCalls.get();
    }

    /** Reads a stream to its end and keeps nothing. */
    private static final class OutputStreamSink extends OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
