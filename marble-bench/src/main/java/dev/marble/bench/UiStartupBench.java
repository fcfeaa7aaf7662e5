package dev.marble.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code build/bench.sh --ui [ROUNDS]}: {@code marble ui} as a person starts it, a whole process through the
 * {@code ./marble} launcher, timed from the process's start to its address printed and to the first page (the
 * chains page, which reads every chain's state and the journal) served. A benchmark, not a test: it prints figures.
 */
public final class UiStartupBench {

    private static final Pattern ADDRESS = Pattern.compile("http://127\\.0\\.0\\.1:[0-9]+/");
    private static final int WARMUP = 2;

    private UiStartupBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        System.exit(run(rounds, System.out, Path.of(System.getProperty("marble.root", "."))));
    }

    static int run(int rounds, PrintStream out, Path root) throws Exception {
        Path launcher = root.resolve("marble");
        Path project = Files.createTempDirectory("marble-ui-bench");
        Files.createDirectories(project.resolve("chains"));
        Files.writeString(project.resolve("chains/nightly.json"), """
                {"description": "a bench chain", "max_rounds": 3,
                 "links": [{"name": "worker", "model": "scripted:replies.yaml", "prompt": "work {ROUND}"}]}
                """);
        HttpClient client = HttpClient.newHttpClient();
        double[] printed = new double[rounds];
        double[] firstPage = new double[rounds];
        for (int i = -WARMUP; i < rounds; i++) {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(launcher.toString(), "ui", "--port", "0", "-C", project.toString())
                    .directory(project.toFile())
                    .redirectErrorStream(true)
                    .start();
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                URI address = null;
                for (String line; address == null && (line = lines.readLine()) != null; ) {
                    Matcher found = ADDRESS.matcher(line);
                    if (found.find()) address = URI.create(found.group());
                }
                if (address == null) throw new IOException("marble ui printed no address");
                long shown = System.nanoTime();
                HttpResponse<String> page =
                        client.send(HttpRequest.newBuilder(address).build(), HttpResponse.BodyHandlers.ofString());
                long served = System.nanoTime();
                if (page.statusCode() != 200) throw new IOException("the first page answered " + page.statusCode());
                if (i >= 0) {
                    printed[i] = (shown - start) / 1e6;
                    firstPage[i] = (served - start) / 1e6;
                }
            } finally {
                process.destroy();
                process.waitFor();
            }
        }
        out.println("marble ui, " + rounds + " starts (after " + WARMUP + " warm-up), median [quartiles]:");
        out.println("  process start to address printed: " + Spread.of(printed).text("ms"));
        out.println(
                "  process start to first page:      " + Spread.of(firstPage).text("ms"));
        return 0;
    }
}
