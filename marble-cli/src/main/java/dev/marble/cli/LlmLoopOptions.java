package dev.marble.cli;

import dev.marble.error.UsageException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * llm-loop's options that {@code marble loop} takes as its users typed them: {@code -T}, {@code --key},
 * {@code -n/--no-log}, {@code --log} and {@code -d}. In llm-loop several of them did nothing; here each does what
 * its name says (see docs/llm-loop.md).
 */
final class LlmLoopOptions {

    @Option(
            names = {"-T", "--tool"},
            paramLabel = "NAME",
            description = "A tool the run must have, by llm's name (repeatable); Marble's built-in tools and"
                    + " llm-loop's names for them are on already, so an unknown name is an error.")
    List<String> tools = List.of();

    @Option(
            names = "--key",
            paramLabel = "KEY",
            description = "API key for this run's model instead of its variable (e.g. ANTHROPIC_API_KEY);"
                    + " never logged, redacted everywhere.")
    String key;

    @Option(
            names = {"-n", "--no-log"},
            description = "Keep this run out of the journal.")
    boolean noLog;

    @Option(names = "--log", description = "Journal this run (the default; llm-loop's flag).")
    boolean log;

    @Option(
            names = {"-d", "--database"},
            paramLabel = "FILE",
            description = "Journal this run in FILE instead of .marble/journal.db.")
    Path database;

    void validate() {
        if (noLog && (log || database != null))
            throw new UsageException("--no-log and " + (log ? "--log" : "--database") + " contradict each other");
        if (key != null && key.isBlank()) throw new UsageException("--key is empty; give the API key");
    }
}
