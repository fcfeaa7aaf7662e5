package dev.marble.bench;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import dev.marble.config.Environment;
import dev.marble.config.MarbleConfig;
import dev.marble.json.Json;
import dev.marble.local.LoadedModels;
import dev.marble.local.LocalProviderFactory;
import dev.marble.model.ChatOptions;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Message;
import dev.marble.model.ToolSpec;
import dev.marble.provider.ChatModel;
import dev.marble.provider.ProviderContext;
import dev.marble.provider.ProviderSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The local provider beside its floor, the bare de.kherud llama API doing the same work in the same
 * JVM: load time (load and free, interleaved), and one call (template, prompt, generation) of the same
 * request with the same sampling, rounds interleaved; tokens per second are generated tokens over the
 * call's wall time. Marble's tool call (with its grammar) is timed too, with no floor. Memory: the
 * process's resident set before and after the first load.
 * <pre>build/bench.sh --local [--model FILE] [--rounds N] [--loads N]</pre>
 */
public final class LocalModelBench {

    private static final String QUESTION = "Tell me about the weather and the sea.";

    public static void main(String[] args) throws Exception {
        Path model = Path.of("marble-local/src/test/resources/models/micro-agent-test-q8_0.gguf");
        int rounds = 40;
        int loads = 10;
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--loads" -> loads = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        model = model.toAbsolutePath();
        Path home = Files.createTempDirectory("marble-local-bench");
        Environment environment = new Environment(Map.of("XDG_CACHE_HOME", home.toString()), home, home);
        ProviderContext context = new ProviderContext(environment, MarbleConfig.empty(home), null, null, note -> {});
        ChatModel marble = new LocalProviderFactory()
                .create(new ProviderSpec("local", "local", null, null, null, true, "bench"), model.toString(), context);
        ChatRequest text = new ChatRequest(
                null,
                List.of(Message.user(QUESTION)),
                List.of(),
                ChatOptions.builder()
                        .temperature(0.0)
                        .maxTokens(128)
                        .extra("seed", Json.parse("7"))
                        .build());

        long rssBefore = rssKb();
        long start = System.nanoTime();
        marble.chat(text);
        double firstLoadMs = (System.nanoTime() - start) / 1e6;
        long rssAfter = rssKb();

        ModelParameters parameters = new ModelParameters()
                .setModel(model.toString())
                .setCtxSize(512)
                .setThreads(1)
                .setThreadsBatch(1)
                .setParallel(1)
                .enableJinja()
                .disableContextShift()
                .skipWarmup()
                .disableLog();
        double[] floorLoad = new double[loads];
        double[] marbleLoad = new double[loads];
        for (int i = 0; i < loads; i++) {
            long t = System.nanoTime();
            new LlamaModel(parameters).close();
            floorLoad[i] = (System.nanoTime() - t) / 1e6;
            LoadedModels.closeAll();
            t = System.nanoTime();
            marble.chat(text.withOptions(text.options().toBuilder().maxTokens(1).build()));
            marbleLoad[i] = (System.nanoTime() - t) / 1e6;
        }

        try (LlamaModel floor = new LlamaModel(parameters)) {
            String templateInput = "{\"messages\": [{\"role\": \"user\", \"content\": \"" + QUESTION
                    + "\"}], \"add_generation_prompt\": true}";
            double[] floorMs = new double[rounds];
            double[] marbleMs = new double[rounds];
            double[] toolMs = new double[rounds];
            long floorTokens = 0;
            long marbleTokens = 0;
            long toolTokens = 0;
            ToolSpec weather = new ToolSpec(
                    "get_weather",
                    "Current weather in a city",
                    Json.parse(
                            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"));
            ChatRequest tool = new ChatRequest(
                    null, List.of(Message.user("What is the weather in Paris?")), List.of(weather), text.options());
            for (int warm = 0; warm < 5; warm++) {
                floorCall(floor, templateInput);
                marble.chat(text);
                marble.chat(tool);
            }
            for (int r = 0; r < rounds; r++) {
                long t = System.nanoTime();
                floorTokens += floorCall(floor, templateInput);
                floorMs[r] = (System.nanoTime() - t) / 1e6;
                t = System.nanoTime();
                ChatResponse response = marble.chat(text);
                marbleMs[r] = (System.nanoTime() - t) / 1e6;
                marbleTokens += response.usage().outputTokens();
            }
            // Tool calls after the text calls: one slot holds one prompt, and alternating two prompts on Marble's
            // model would make its text calls miss the prompt cache that the floor's model keeps.
            for (int r = 0; r < rounds; r++) {
                long t = System.nanoTime();
                ChatResponse called = marble.chat(tool);
                toolMs[r] = (System.nanoTime() - t) / 1e6;
                toolTokens += called.usage().outputTokens();
            }
            System.out.printf(Locale.ROOT, "model: %s (%.1f MB)%n", model.getFileName(), Files.size(model) / 1e6);
            System.out.printf(
                    Locale.ROOT,
                    "first load (native library unpacked, model loaded, one call): %.0f ms%n",
                    firstLoadMs);
            System.out.printf(
                    Locale.ROOT,
                    "resident memory: %.0f MB before, %.0f MB after the first load (+%.0f MB)%n",
                    rssBefore / 1024.0,
                    rssAfter / 1024.0,
                    (rssAfter - rssBefore) / 1024.0);
            System.out.printf(
                    Locale.ROOT,
                    "load, median of %d: floor %s ms, Marble %s ms (Marble's includes a 1-token call)%n",
                    loads,
                    fmt(Spread.of(floorLoad)),
                    fmt(Spread.of(marbleLoad)));
            report("text call, floor", floorMs, floorTokens, rounds);
            report("text call, Marble", marbleMs, marbleTokens, rounds);
            report("tool call, Marble (grammar)", toolMs, toolTokens, rounds);
        }
        LoadedModels.closeAll();
        System.exit(0); // llama.cpp's server thread is not a daemon
    }

    private static int floorCall(LlamaModel floor, String templateInput) {
        String prompt = floor.applyTemplate(templateInput);
        InferenceParameters parameters = new InferenceParameters(prompt)
                .setNPredict(128)
                .setCachePrompt(true)
                .setTemperature(0f)
                .setSeed(7);
        int tokens = 0;
        var outputs = floor.generate(parameters).iterator();
        while (outputs.hasNext()) {
            LlamaOutput ignored = outputs.next();
            if (outputs.hasNext()) tokens++;
        }
        return tokens;
    }

    private static void report(String what, double[] ms, long tokens, int rounds) {
        Spread spread = Spread.of(ms);
        double perCall = tokens / (double) rounds;
        System.out.printf(
                Locale.ROOT,
                "%-28s %s ms per call, %.1f tokens per call, %.0f tokens/s%n",
                what + ":",
                fmt(spread),
                perCall,
                perCall / (spread.median() / 1000));
    }

    private static String fmt(Spread s) {
        return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", s.median(), s.lower(), s.upper());
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        return -1;
    }
}
