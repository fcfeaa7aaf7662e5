package dev.marble.temporal;

import dev.marble.api.WorkerReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        return start(address, name, List.of(Integer.toString(maxLinks)), project, output, env);
    }

    /** A worker with a drain limit ({@code marble worker --drain SECONDS}) other than the default 5 s. */
    static WorkerProcess start(
            String address,
            String name,
            int maxLinks,
            int drainSeconds,
            Path project,
            Path output,
            Map<String, String> env)
            throws IOException {
        return start(
                address,
                name,
                List.of(Integer.toString(maxLinks), Integer.toString(drainSeconds)),
                project,
                output,
                env);
    }

    private static WorkerProcess start(
            String address, String name, List<String> limits, Path project, Path output, Map<String, String> env)
            throws IOException {
        Path statusFile = WorkerMain.statusFile(project, name);
        Files.deleteIfExists(statusFile);
        List<String> command = new ArrayList<>(List.of(
                "setsid",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions());
        command.addAll(
                List.of("-cp", System.getProperty("java.class.path"), WorkerMain.class.getName(), address, name));
        command.addAll(limits);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(env);
        WorkerProcess worker = new WorkerProcess(name, builder.start(), statusFile);
        worker.awaitServing();
        return worker;
    }

    /** Set by the bench: workers started with the JVM options ./marble gives {@code marble worker}. */
    static final String AS_DEPLOYED_PROPERTY = "marble.it.workers-as-deployed";

    /**
     * The ITs' workers: a small heap, C1 alone and 1 s long polls, so that many JVMs fit on a small machine and a
     * killed worker's polls end soon. The bench's ({@link #AS_DEPLOYED_PROPERTY}): what the launcher gives a long
     * command (the JIT's full optimisation, the SDK's own long polls), since it measures what a link costs a worker
     * as deployed. Either way with more options from {@code marble.it.worker-jvm-options} (to profile them).
     */
    private static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED"));
        if (!Boolean.getBoolean(AS_DEPLOYED_PROPERTY)) {
            options.addAll(List.of(
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-D" + TemporalConnection.LONG_POLL_PROPERTY + "=1"));
        }
        String extra = System.getProperty("marble.it.worker-jvm-options", "").strip();
        if (!extra.isEmpty()) options.addAll(List.of(extra.split("\\s+")));
        return options;
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

    /**
     * kill -9 of the worker's JVM alone, as the OOM killer or {@code kill -9 PID} does: what it started lives in
     * sessions of its own and must be ended by Marble's own means (pdeathsig, the launch marker's watcher).
     */
    void killAlone() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-KILL", Long.toString(process.pid()))
                .start()
                .waitFor();
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
