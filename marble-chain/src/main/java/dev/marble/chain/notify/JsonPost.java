package dev.marble.chain.notify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One JSON POST with a time limit, shared by the notifiers. Its failure texts name the host only: a
 * Telegram URL holds the bot token and a webhook URL is often a secret itself (Slack, Discord).
 */
final class JsonPost {

    /** The answer: status and body text. */
    record Reply(int status, String body) {
        boolean success() {
            return status / 100 == 2;
        }
    }

    private JsonPost() {}

    static Reply post(HttpClient client, URI uri, Map<String, String> headers, String json, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        // Plain-HTTP servers speak HTTP/1.1; an h2c upgrade attempt only costs time.
        if ("http".equalsIgnoreCase(uri.getScheme())) builder.version(HttpClient.Version.HTTP_1_1);
        headers.forEach(builder::setHeader);
        HttpResponse<String> response =
                client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.body());
    }

    /** Why an exchange with {@code uri}'s host failed, without the path or query. */
    static String describe(IOException failure, URI uri, Duration timeout) {
        String host =
                uri.getHost() == null ? "the server" : uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        if (failure instanceof HttpConnectTimeoutException || failure instanceof ConnectException) {
            return "cannot connect to " + host + " (" + rootMessage(failure) + ")";
        }
        if (failure instanceof HttpTimeoutException) {
            return "no answer from " + host + " within " + timeout.toSeconds() + " s";
        }
        return "connection to " + host + " failed (" + rootMessage(failure) + ")";
    }

    /** Whether a header name and value would be accepted by the JDK client (restricted names are not). */
    static String headerProblem(String name, String value) {
        try {
            HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).setHeader(name, value);
            return null;
        } catch (IllegalArgumentException e) {
            return "header \"" + name + "\" cannot be sent (a restricted name such as Host or Content-Length, "
                    + "or a character not allowed in a header)";
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
