package dev.marble.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.marble.testkit.FakeOpenAiServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The fake OpenAI server with the {@link RunShape} responder, in a process of its own, so that the load harness
 * can tell the client's CPU from the server's. Prints {@code port N}, then answers lines on stdin:
 * {@code stats} prints {@code stats REQUESTS CONNECTIONS CPU_NANOS}; {@code latency MS} sets the latency.
 * Ends when stdin does.
 */
public final class FakeServerProcess {

    private FakeServerProcess() {}

    public static void main(String[] args) throws Exception {
        long latencyMs = args.length > 0 ? Long.parseLong(args[0]) : 0;
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.keepRequests(0);
            server.respondWith(RunShape.RESPONDER).withLatency(Duration.ofMillis(latencyMs));
            System.out.println("port " + server.port());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.trim().split(" ");
                switch (words[0]) {
                    case "stats" ->
                        System.out.println(String.format(
                                Locale.ROOT,
                                "stats %d %d %d",
                                server.requestCount(),
                                server.connectionCount(),
                                os.getProcessCpuTime()));
                    case "latency" -> server.withLatency(Duration.ofMillis(Long.parseLong(words[1])));
                    default -> System.out.println("? " + line);
                }
                System.out.flush();
            }
        }
        System.exit(0);
    }
}
