package dev.marble.temporal;

import dev.marble.api.WorkerReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@link WorkerMain} in a JVM (and a process session) of its own, started in the project: killed with its
 * children as a lost machine would be ({@link #kill}), or asked to stop ({@link #terminate}).
 */
final class WorkerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path statusFile;

    private WorkerProcess(String name, Process process, Path statusFile) {
        this.name = name;
        this.process = process;
        this.statusFile = statusFile;
    }

    static WorkerProcess start(
            String address, String name, int maxLinks, Path project, Path output, Map<String, String> env)
            throws IOException {
        Path statusFile = WorkerMain.statusFile(project, name);
        Files.deleteIfExists(statusFile);
        ProcessBuilder builder = new ProcessBuilder(
                        "setsid",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-D" + TemporalConnection.LONG_POLL_PROPERTY + "=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        WorkerMain.class.getName(),
                        address,
                        name,
                        Integer.toString(maxLinks))
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(env);
        WorkerProcess worker = new WorkerProcess(name, builder.start(), statusFile);
        worker.awaitServing();
        return worker;
    }

    private void awaitServing() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (report().map(r -> r.state().equals("SERVING")).orElse(false)) return;
            if (!process.isAlive()) throw new IOException("the worker " + name + " exited before it served");
            sleep(50);
        }
        throw new IOException("the worker " + name + " did not start serving");
    }

    String name() {
        return name;
    }

    Optional<WorkerReport> report() {
        return Files.exists(statusFile) ? WorkerReport.read(statusFile) : Optional.empty();
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** kill -9 of the worker and everything it started (its session): the machine is gone. */
    void kill() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).start().waitFor();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM: the worker drains and exits; returns its exit code. */
    int terminate(long seconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) kill();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
