package dev.marble.chain.run;

import dev.marble.secret.SecretRedactor;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * llmauto's logs, same names and line format, so its users' habits (tail, grep) keep working:
 * {@code logs/<chain>.log} with {@code [yyyy-MM-dd HH:mm:ss] message} lines (echoed to {@code echo} when given),
 * and per link {@code logs/<chain>_<link>.log} with each run's output under a rule. Appends are single writes
 * of whole lines, so a kill leaves at most the line being written. Text is redacted before it is written.
 */
public final class ChainLog {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String RULE = "=".repeat(60);

    private final Path directory;
    private final String chain;
    private final PrintStream echo;
    private final Clock clock;
    private final SecretRedactor redactor;

    public ChainLog(Path directory, String chain, PrintStream echo, Clock clock, SecretRedactor redactor) {
        this.directory = directory;
        this.chain = chain;
        this.echo = echo;
        this.clock = clock;
        this.redactor = redactor;
    }

    public static Path file(Path logsDirectory, String chain) {
        return logsDirectory.resolve(chain + ".log");
    }

    public Path file() {
        return file(directory, chain);
    }

    /** {@code text} with every secret removed, as the log writes it; for text that is cut before it is logged. */
    public String redact(String text) {
        return redactor.redact(text);
    }

    /** One line of the chain's log. */
    public synchronized void line(String message) {
        String line = "[" + LocalDateTime.now(clock).format(STAMP) + "] " + redactor.redact(message);
        append(file(), line + "\n");
        if (echo != null) {
            echo.println(line);
            echo.flush();
        }
    }

    /** What one run of a link printed, under a rule naming round, link and model, as llmauto writes it. */
    public synchronized void linkOutput(String link, int round, String model, String output, String errors) {
        StringBuilder text = new StringBuilder();
        text.append(RULE)
                .append('\n')
                .append('[')
                .append(LocalDateTime.now(clock).format(STAMP))
                .append("] Round ")
                .append(round)
                .append(" | ")
                .append(link)
                .append(" | ")
                .append(model)
                .append('\n')
                .append(RULE)
                .append('\n')
                .append(output == null ? "" : output)
                .append('\n');
        if (errors != null && !errors.isBlank())
            text.append("--- STDERR ---\n").append(errors).append('\n');
        append(directory.resolve(chain + "_" + link + ".log"), redactor.redact(text.toString()));
    }

    private void append(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chain log " + file + ": " + e.getMessage(), e);
        }
    }
}
