package dev.marble.bench;

import dev.marble.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The floor of a Claude link: the stand-in {@code claude} run directly, with the very argument vectors the chain's
 * links used (read from the stand-in's own log of a calibration run), the same environment and working directory,
 * its output read to the end as Marble reads it. Whatever a link costs beyond this is the engine's.
 */
final class StandInFloor {

    private final List<List<String>> argvs;
    private final Map<String, String> environment;
    private final Path directory;
    private int next;

    StandInFloor(List<List<String>> argvs, Map<String, String> environment, Path directory) {
        if (argvs.isEmpty()) throw new IllegalArgumentException("no argument vectors to replay");
        this.argvs = List.copyOf(argvs);
        this.environment = Map.copyOf(environment);
        this.directory = directory;
    }

    /** The argument vectors in the stand-in's log ({@code STANDIN_CLAUDE_LOG}), one JSON line per run. */
    static List<List<String>> argvsLogged(Path log, Path executable) throws IOException {
        List<List<String>> argvs = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            List<String> argv = new ArrayList<>();
            argv.add(executable.toString()); // the log has the arguments only; Marble runs what it finds on PATH
            for (JsonNode arg : Json.parse(line).path("argv")) argv.add(arg.asString());
            argvs.add(argv);
        }
        return argvs;
    }

    List<List<String>> argvs() {
        return argvs;
    }

    /** One run, the links' argument vectors in turn; returns its wall time in nanoseconds. */
    long runOnce() throws IOException, InterruptedException {
        List<String> argv = argvs.get(next++ % argvs.size());
        ProcessBuilder builder =
                new ProcessBuilder(argv).directory(directory.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        boolean result = false;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                result |= line.startsWith("{\"type\":\"result\"");
            }
        }
        int exit = process.waitFor();
        long nanos = System.nanoTime() - start;
        if (exit != 0 || !result)
            throw new IllegalStateException(
                    "the stand-in claude exited " + exit + (result ? "" : " without a result line") + ": " + argv);
        return nanos;
    }
}
