package dev.marble.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a whole process and measures it as a person would: wall time from start to exit, the CPU time it and its
 * children used, and its peak memory (resident set). CPU and memory come from GNU time ({@code /usr/bin/time
 * -f}) when the machine has it; without it CPU comes from this JVM's own record of its reaped children
 * ({@code /proc/self/stat}, Linux only) and peak memory is not known. One process at a time: the CPU of
 * reaped children is counted for the whole JVM.
 */
final class TimedProcess {

    /** One run; {@code cpuMs} and {@code peakKb} are negative when not known. */
    record Sample(double wallMs, double cpuMs, long peakKb, String out, String err) {}

    /** Linux reports children's CPU in ticks of 1/100 s to user space, whatever the kernel's own tick. */
    private static final double MS_PER_TICK = 10;

    private final Path gnuTime;
    private final Path scratch;

    private TimedProcess(Path gnuTime, Path scratch) {
        this.gnuTime = gnuTime;
        this.scratch = scratch;
    }

    /** Measures with GNU time when {@code /usr/bin/time} is GNU time; writes its output files into {@code scratch}. */
    static TimedProcess in(Path scratch) throws IOException, InterruptedException {
        Files.createDirectories(scratch);
        Path time = Path.of("/usr/bin/time");
        if (Files.isExecutable(time)) {
            Path report = scratch.resolve("probe.time");
            Process probe = new ProcessBuilder(time.toString(), "-f", "%M", "-o", report.toString(), "true")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (probe.waitFor(10, TimeUnit.SECONDS)
                    && probe.exitValue() == 0
                    && Files.isRegularFile(report)
                    && Files.readString(report).strip().matches("\\d+")) {
                return new TimedProcess(time, scratch);
            }
        }
        return new TimedProcess(null, scratch);
    }

    /** Whether CPU and peak memory are measured by GNU time (else: what {@link #how()} says). */
    boolean hasGnuTime() {
        return gnuTime != null;
    }

    /** A line for the report: how CPU and memory are measured here. */
    String how() {
        if (gnuTime != null) return "CPU and peak memory by GNU time";
        return Files.isReadable(Path.of("/proc/self/stat"))
                ? "CPU from /proc/self/stat; peak memory not measured (no GNU time: apt-get install time)"
                : "CPU and peak memory not measured (no GNU time, no /proc)";
    }

    /** Runs {@code argv} in {@code directory} with exactly {@code environment}; fails if it runs past {@code
     * timeoutSeconds}. */
    Sample run(List<String> argv, Path directory, Map<String, String> environment, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path out = scratch.resolve("out");
        Path err = scratch.resolve("err");
        Path report = scratch.resolve("time");
        Files.deleteIfExists(report);
        List<String> command = new ArrayList<>();
        if (gnuTime != null) command.addAll(List.of(gnuTime.toString(), "-f", "%e %U %S %M", "-o", report.toString()));
        command.addAll(argv);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        long ticksBefore = childTicks();
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", argv) + " ran past " + timeoutSeconds + " s");
        }
        double wallMs = (System.nanoTime() - start) / 1e6;
        long ticks = childTicks() - ticksBefore;
        double cpuMs = ticksBefore < 0 ? -1 : ticks * MS_PER_TICK;
        long peakKb = -1;
        if (gnuTime != null && Files.isRegularFile(report)) {
            // The last line: GNU time puts "Command exited with non-zero status N" before it on a failure.
            List<String> lines = Files.readAllLines(report);
            String[] fields =
                    lines.isEmpty() ? new String[0] : lines.getLast().strip().split(" ");
            if (fields.length == 4) {
                cpuMs = (Double.parseDouble(fields[1]) + Double.parseDouble(fields[2])) * 1000;
                peakKb = Long.parseLong(fields[3]);
            }
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " exited " + process.exitValue() + ": "
                    + (stderr.isBlank() ? stdout : stderr).strip());
        }
        return new Sample(wallMs, cpuMs, peakKb, stdout, stderr);
    }

    /** User and system ticks of this JVM's reaped children (fields 16 and 17 of /proc/self/stat), or -1. */
    private static long childTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // The command name, field 2, may hold spaces: count fields after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException notLinux) {
            return -1;
        }
    }
}
