package dev.marble.cli;

import dev.marble.config.Environment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the real marble command tree in-process, in a project directory and home of the test's own,
 * with an environment that holds only what the test puts there.
 */
final class CliRunner {

    record Result(int exit, String out, String err) {}

    private final Path project;
    private final Path home;
    private final Map<String, String> variables = new HashMap<>();
    private String stdin = null;
    private boolean stdinIsTerminal = true;
    private boolean stdoutIsTerminal;
    private boolean stderrIsTerminal;

    CliRunner(Path temp) throws IOException {
        this.project = Files.createDirectories(temp.resolve("project"));
        this.home = Files.createDirectories(temp.resolve("home"));
        variables.put("PATH", "/nonexistent"); // no claude on PATH unless a test adds one
        variables.put("OLLAMA_HOST", "127.0.0.1:9"); // and no Ollama
    }

    Path project() {
        return project;
    }

    Path home() {
        return home;
    }

    /** Sets a variable; null unsets it. */
    CliRunner env(String name, String value) {
        if (value == null) variables.remove(name);
        else variables.put(name, value);
        return this;
    }

    /** Standard input piped in (not a terminal). */
    CliRunner stdin(String text) {
        this.stdin = text;
        this.stdinIsTerminal = false;
        return this;
    }

    /** A person at the terminal, typing these lines in answer to prompts. */
    CliRunner typing(String lines) {
        this.stdin = lines;
        this.stdinIsTerminal = true;
        return this;
    }

    CliRunner terminalOutput() {
        this.stdoutIsTerminal = true;
        return this;
    }

    /** A person reads standard error: colour and the spinner are on (unless NO_COLOR or --no-color). */
    CliRunner terminalError() {
        this.stderrIsTerminal = true;
        return this;
    }

    Path write(String relative, String content) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    /** A context as a command run now would get, its output discarded: for what a test builds around commands. */
    CliContext context() {
        PrintStream discard = new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        return new CliContext(
                new Environment(variables, project, home),
                new ByteArrayInputStream(new byte[0]),
                discard,
                discard,
                false,
                false,
                false);
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(
                new Environment(variables, project, home),
                new ByteArrayInputStream(stdin == null ? new byte[0] : stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                stdinIsTerminal,
                stdoutIsTerminal,
                stderrIsTerminal);
        int exit = MarbleCli.run(context, args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
