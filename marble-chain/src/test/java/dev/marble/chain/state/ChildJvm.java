package dev.marble.chain.state;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Another process running one of this package's test mains, for what only a second process can show. */
final class ChildJvm implements AutoCloseable {

    final Process process;
    private final BufferedReader out;

    private ChildJvm(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static ChildJvm start(Class<?> main, String... args) throws IOException {
        return start(List.of(), main, args);
    }

    /** {@code shellPrefix}: e.g. {@code ulimit -f 4;} run by sh before the JVM replaces it. */
    static ChildJvm start(List<String> shellPrefix, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-Xshare:auto",
                "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                main.getName()));
        command.addAll(List.of(args));
        if (!shellPrefix.isEmpty()) {
            StringBuilder script = new StringBuilder(String.join(" ", shellPrefix)).append(" exec");
            for (String word : command)
                script.append(" '").append(word.replace("'", "'\\''")).append('\'');
            command = List.of("sh", "-c", script.toString());
        }
        return new ChildJvm(
                new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** The next line the child printed; fails if it exits first. */
    String line() throws IOException {
        String line = out.readLine();
        if (line == null) throw new AssertionError("the child exited (" + exitCode() + ") without a line");
        return line;
    }

    int exitCode() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) throw new AssertionError("the child did not exit");
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** kill -9: the process gets no chance to clean up. */
    void kill() {
        process.destroyForcibly();
        exitCode();
    }

    @Override
    public void close() {
        if (process.isAlive()) kill();
    }
}
