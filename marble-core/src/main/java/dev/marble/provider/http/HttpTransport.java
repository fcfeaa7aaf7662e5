package dev.marble.provider.http;

import dev.marble.error.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The JDK HttpClient, shared by every HTTP provider so connections are pooled across calls, and
 * one way to post JSON under a {@link CallDeadline}. Failures come back as {@link ModelException}s
 * whose kind decides whether a retry can help.
 */
public final class HttpTransport {

    private final Supplier<HttpClient> factory;
    private volatile HttpClient client;

    public HttpTransport(HttpClient client) {
        this.client = client;
        this.factory = () -> client;
    }

    private HttpTransport(Supplier<HttpClient> factory) {
        this.factory = factory;
    }

    /**
     * A transport whose client is built on first use: building one costs about 100 ms of start-up,
     * which a command that calls no HTTP provider should not pay. The client's own work (delivering
     * response bodies) runs on virtual threads: its default, a cached pool of platform threads, grew
     * to 400 threads under 1,000 concurrent agent runs and spent twice the CPU switching between them
     * (AgentLoadHarness: floor-json against floor-json-vt).
     */
    public static HttpTransport create() {
        return new HttpTransport(() -> HttpClient.newBuilder()
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build());
    }

    public HttpClient client() {
        HttpClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) client = factory.get();
                current = client;
            }
        }
        return current;
    }

    /** A whole response: status, headers and the body as text. */
    public record WholeResponse(int status, HttpHeaders headers, String body) {}

    /** An open response: read {@code body} to its end or close it. */
    public record OpenResponse(int status, HttpHeaders headers, InputStream body) implements AutoCloseable {
        public String bodyText() throws IOException {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /**
     * Posts {@code json} and returns the whole answer, all of it under {@code deadline}. One
     * synchronous send, no request timeout (the JDK would wake its selector thread to arm one):
     * when time is up the deadline interrupts this thread, which cancels the exchange.
     */
    public WholeResponse postJsonForWhole(URI uri, Map<String, String> headers, String json, CallDeadline deadline) {
        Thread caller = Thread.currentThread();
        deadline.onExpiry(caller::interrupt);
        try {
            HttpResponse<String> response = client().send(
                            request(uri, headers, json), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new WholeResponse(response.statusCode(), response.headers(), response.body());
        } catch (InterruptedException e) {
            throw interruption(deadline);
        } catch (IOException e) {
            throw failure(e, deadline, uri);
        } finally {
            deadline.onExpiry(() -> {});
            if (deadline.expired()) Thread.interrupted(); // the deadline's own interrupt must not outlive the call
        }
    }

    /**
     * Posts {@code json} and returns once response headers have arrived; the body is left to the
     * caller, still under {@code deadline}: when it expires the stream is closed, so a stalled read
     * fails at once.
     */
    public OpenResponse postJson(URI uri, Map<String, String> headers, String json, CallDeadline deadline) {
        Thread caller = Thread.currentThread();
        deadline.onExpiry(caller::interrupt);
        HttpResponse<InputStream> response;
        try {
            response = client().send(request(uri, headers, json), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            throw interruption(deadline);
        } catch (IOException e) {
            throw failure(e, deadline, uri);
        }
        InputStream body = response.body();
        deadline.onExpiry(() -> closeQuietly(body));
        if (deadline.expired()) Thread.interrupted();
        return new OpenResponse(response.statusCode(), response.headers(), body);
    }

    private static HttpRequest request(URI uri, Map<String, String> headers, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        // Plain-HTTP servers (Ollama, vLLM, test fakes) speak HTTP/1.1; an h2c upgrade attempt only costs time.
        if ("http".equalsIgnoreCase(uri.getScheme())) builder.version(HttpClient.Version.HTTP_1_1);
        headers.forEach(builder::header);
        return builder.build();
    }

    private static ModelException interruption(CallDeadline deadline) {
        if (deadline.expired()) {
            Thread.interrupted();
            return timeout(deadline);
        }
        Thread.currentThread().interrupt();
        return new ModelException(ModelException.Kind.INTERRUPTED, "interrupted");
    }

    /** Maps an I/O failure, during the exchange or while reading the body, to a {@link ModelException}. */
    public static ModelException failure(Throwable cause, CallDeadline deadline, URI uri) {
        if (deadline.expired()
                || cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
            Thread.interrupted(); // an interrupt the deadline sent is spent
            return timeout(deadline);
        }
        boolean interruptedRead = cause instanceof InterruptedIOException && !(cause instanceof SocketTimeoutException);
        if (interruptedRead || Thread.currentThread().isInterrupted()) {
            return new ModelException(ModelException.Kind.INTERRUPTED, "interrupted");
        }
        if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
            return new ModelException(
                    ModelException.Kind.CONNECTION,
                    "cannot connect to " + uri.getScheme() + "://" + uri.getAuthority() + " (" + describe(cause) + ")",
                    null,
                    null,
                    cause);
        }
        return new ModelException(
                ModelException.Kind.CONNECTION,
                "connection to " + uri.getAuthority() + " failed: " + describe(cause),
                null,
                null,
                cause);
    }

    public static ModelException timeout(CallDeadline deadline) {
        return new ModelException(
                ModelException.Kind.TIMEOUT,
                "no complete answer within " + seconds(deadline.timeout()) + " (the call's time limit)");
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage();
        String name = root.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : message;
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is how the deadline interrupts a read; a failure to close changes nothing
        }
    }
}
