package dev.marble.mcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * server-everything over streamable HTTP on a free loopback port: {@code PORT=n node -r loopback.cjs
 * …/dist/index.js streamableHttp}, endpoint {@code /mcp}. The preload keeps it off other interfaces.
 */
final class EverythingHttpServer implements AutoCloseable {

    private final Process process;
    private final URI url;
    private final List<String> output = new ArrayList<>();

    private EverythingHttpServer(Process process, int port) {
        this.process = process;
        this.url = URI.create("http://127.0.0.1:" + port + "/mcp");
    }

    static EverythingHttpServer start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(
                        McpPeers.node().toString(),
                        "-r",
                        McpPeers.resource("loopback.cjs").toString(),
                        McpPeers.everything().toString(),
                        "streamableHttp")
                .redirectErrorStream(true);
        builder.environment().put("PORT", Integer.toString(port));
        EverythingHttpServer server = new EverythingHttpServer(builder.start(), port);
        server.awaitListening();
        return server;
    }

    URI url() {
        return url;
    }

    private void awaitListening() throws InterruptedException {
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.contains("listening on port")) listening.complete(null);
                }
            } catch (IOException e) {
                // process ended
            }
            listening.completeExceptionally(new IllegalStateException("server-everything exited: " + output()));
        });
        try {
            listening.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException("server-everything did not start listening: " + output(), e);
        }
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
