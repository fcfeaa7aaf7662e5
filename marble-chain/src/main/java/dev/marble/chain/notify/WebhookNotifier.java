package dev.marble.chain.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * POSTs each update as JSON ({@link WebhookBody}) to a URL, with the configured headers (an
 * {@code Authorization} header, say). Any 2xx is success; a 5xx or a broken connection is retried once,
 * since a redeploying receiver is common and a second try is cheap; other statuses are not, as the
 * receiver has said no. Errors name the host only: webhook URLs often carry their secret in the path.
 */
public final class WebhookNotifier implements Notifier {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final int BODY_EXCERPT = 200;

    private final HttpClient client;
    private final URI url;
    private final Map<String, String> headers;

    public WebhookNotifier(HttpClient client, URI url, Map<String, String> headers) {
        this.client = Objects.requireNonNull(client, "client");
        this.url = Objects.requireNonNull(url, "url");
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())
                || url.getHost() == null) {
            throw new IllegalArgumentException("the webhook url must be an http:// or https:// address with a host");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            String problem = JsonPost.headerProblem(name, value);
            if (problem != null) throw new IllegalArgumentException("webhook " + problem);
            copy.put(name, value);
        });
        this.headers = Map.copyOf(copy);
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void send(ChainUpdate update) throws NotifyException {
        String json = WebhookBody.of(update, Instant.now());
        String why;
        int attempt = 1;
        while (true) {
            try {
                JsonPost.Reply reply = JsonPost.post(client, url, headers, json, TIMEOUT);
                if (reply.success()) return;
                why = "HTTP " + reply.status() + excerpt(reply.body());
                if (reply.status() < 500) break;
            } catch (IOException e) {
                why = JsonPost.describe(e, url, TIMEOUT);
            } catch (InterruptedException e) {
                throw interrupted();
            }
            if (attempt == 2) break;
            attempt++;
            try {
                Thread.sleep(RETRY_PAUSE);
            } catch (InterruptedException e) {
                throw interrupted();
            }
        }
        throw new NotifyException("webhook: POST to " + url.getHost() + " failed"
                + (attempt > 1 ? " after " + attempt + " attempts" : "") + ": " + why);
    }

    private static NotifyException interrupted() {
        Thread.currentThread().interrupt();
        return new NotifyException("webhook: POST interrupted");
    }

    /** The start of the receiver's answer on one line: its reason, usually. */
    private static String excerpt(String body) {
        if (body == null || body.isBlank()) return "";
        String line = body.strip().replaceAll("\\s+", " ");
        return ": " + (line.length() > BODY_EXCERPT ? line.substring(0, BODY_EXCERPT) + "…" : line);
    }
}
