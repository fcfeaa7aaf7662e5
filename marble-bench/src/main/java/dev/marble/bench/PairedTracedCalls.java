package dev.marble.bench;

import com.sun.net.httpserver.HttpServer;
import dev.marble.Marble;
import dev.marble.config.Environment;
import dev.marble.model.ChatRequest;
import dev.marble.model.ModelRef;
import dev.marble.model.StreamListener;
import dev.marble.provider.ChatModel;
import dev.marble.testkit.FakeAnthropicServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What OpenTelemetry costs a model call when it is on: Marble's call path without export and with it (a span and
 * two metric records per call, batched and sent over OTLP/HTTP to a receiver on loopback that answers at once),
 * interleaved in rounds, medians of the time per call. Run by {@code build/bench.sh --traced [ROUNDS] [CALLS]}.
 */
public final class PairedTracedCalls {

    private PairedTracedCalls() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try (FakeAnthropicServer server = FakeAnthropicServer.start()) {
            server.keepRequests(0);
            Path project = Files.createTempDirectory("marble-bench-traced");
            Map<String, String> variables = new HashMap<>(
                    Map.of("ANTHROPIC_BASE_URL", server.baseUrl(), "ANTHROPIC_API_KEY", "bench-key-123456"));
            ModelRef ref = new ModelRef("anthropic", "claude-sonnet-4-6");
            try (Marble plain = Marble.start(new Environment(variables, project, project), System.err::println);
                    Marble traced = tracedMarble(variables, project, receiver)) {
                List<ChatModel> models =
                        List.of(plain.model(ref, List.of(), "bench"), traced.model(ref, List.of(), "bench-traced"));
                double[][] micros = measure(models, rounds, perRound);
                double off = median(micros[0]);
                double on = median(micros[1]);
                System.out.printf(
                        Locale.ROOT,
                        "anthropic, not streamed, %d rounds x %d calls: off %.1f us, on %.1f us per call, %+.1f us"
                                + " (%+.1f%%)%n",
                        rounds,
                        perRound,
                        off,
                        on,
                        on - off,
                        (on / off - 1) * 100);
            }
        } finally {
            receiver.stop(0);
        }
        System.exit(0); // the HTTP client's threads would keep the JVM alive
    }

    private static Marble tracedMarble(Map<String, String> variables, Path project, HttpServer receiver) {
        Map<String, String> withOtel = new HashMap<>(variables);
        withOtel.put(
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                "http://127.0.0.1:" + receiver.getAddress().getPort());
        Marble marble = Marble.start(new Environment(withOtel, project, project), System.err::println);
        marble.exportTelemetry();
        return marble;
    }

    private static double[][] measure(List<ChatModel> models, int rounds, int perRound) throws IOException {
        long[] counter = {0};
        for (int warm = 0; warm < 3; warm++)
            for (ChatModel model : models) for (int i = 0; i < 3000; i++) call(model, ++counter[0]);
        double[][] micros = new double[models.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < models.size(); k++) {
                int index = (k + round) % models.size();
                long start = System.nanoTime();
                for (int i = 0; i < perRound; i++) call(models.get(index), ++counter[0]);
                micros[index][round] = (System.nanoTime() - start) / 1000.0 / perRound;
            }
        }
        return micros;
    }

    private static void call(ChatModel model, long n) {
        model.chat(ChatRequest.of("You are terse.", "Say hello in five words. (call " + n + ")"), StreamListener.NONE);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
