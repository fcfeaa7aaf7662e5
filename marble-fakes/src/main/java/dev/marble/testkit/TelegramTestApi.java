package dev.marble.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * The real peer {@code telegram-test-api@4.2.1} (npm) on a free loopback port: an emulation of the Bot API
 * that answers {@code sendMessage} like Telegram and shows, through its client API
 * ({@code POST /getUpdatesHistory {"token": …}}), what a bot sent. It validates nothing and never answers 429;
 * {@link FakeTelegramServer} covers those paths. The package has no executable: a short script given to
 * {@code node -e} loads it and listens on 127.0.0.1 only.
 */
public final class TelegramTestApi implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final int PORT_TRIES = 3;
    private static final String READY = "telegram-test-api listening";
    private static final String LAUNCHER = """
            const TelegramServer = require(process.env.TTA_MODULE);
            const server = new TelegramServer({port: Number(process.env.TTA_PORT), host: '127.0.0.1'});
            server.start().then(() => console.log('%s'), (e) => { console.error(e); process.exit(1); });
            process.on('SIGTERM', () => server.stop().then(() => process.exit(0)));
            """.formatted(READY);

    /** A message the bot sent, as the emulator kept it. */
    public record BotMessage(String chatId, String text) {}

    private final Process process;
    private final int port;
    private final List<String> output = new ArrayList<>();

    private TelegramTestApi(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the emulator with {@code node} from the package folder {@code module}; returns once it listens. */
    public static TelegramTestApi start(Path node, Path module) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < PORT_TRIES; attempt++) { // another process may take the free port first
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(node.toString(), "-e", LAUNCHER).redirectErrorStream(true);
            builder.environment().put("TTA_MODULE", module.toAbsolutePath().toString());
            builder.environment().put("TTA_PORT", Integer.toString(port));
            try {
                TelegramTestApi api = new TelegramTestApi(builder.start(), port);
                api.awaitListening();
                return api;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + node, e);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    /** {@code http://127.0.0.1:PORT}: the Bot API base a client uses in place of {@code https://api.telegram.org}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** What the bot with {@code token} sent, oldest first, from the emulator's {@code getUpdatesHistory}. */
    public List<BotMessage> sentBy(String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/getUpdatesHistory"))
                .version(HttpClient.Version.HTTP_1_1)
                .timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        Json.text(Json.object().put("token", token))))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = Json.parse(response.body());
            if (response.statusCode() != 200 || !body.path("ok").asBoolean(false)) {
                throw new IllegalStateException(
                        "getUpdatesHistory answered " + response.statusCode() + ": " + response.body());
            }
            List<BotMessage> sent = new ArrayList<>();
            for (JsonNode item : Json.elements(body, "result")) {
                JsonNode message = item.path("message");
                if (message.has("text"))
                    sent.add(new BotMessage(
                            message.path("chat_id").asString(""),
                            message.path("text").asString()));
            }
            return sent;
        }
    }

    /** What the emulator printed, for an assertion message. */
    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitListening() {
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("telegram-test-api-" + port).start(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.contains(READY)) listening.complete(null);
                }
            } catch (IOException e) {
                // the process ended
            }
            listening.completeExceptionally(new IllegalStateException("telegram-test-api exited: " + output()));
        });
        try {
            listening.get(STARTUP.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException(
                    "telegram-test-api did not start listening on " + port + ": " + output(), e);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting telegram-test-api", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
