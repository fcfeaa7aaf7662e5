package dev.marble.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Looks at real processes through /proc, for tests that must show a process is gone. */
final class Processes {

    private Processes() {}

    /** A {@code sleep} argument no other process has: {@link #withArgument} finds exactly the ones a test started. */
    static String uniqueSleep() {
        return (3000 + ThreadLocalRandom.current().nextInt(6000)) + "."
                + (10 + ThreadLocalRandom.current().nextInt(89));
    }

    /** Running and not a zombie (a zombie is dead, waiting for whoever inherited it to reap it). */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.ISO_8859_1);
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** The running processes whose command line has {@code argument} as one of its words (host pids). */
    static List<Long> withArgument(String argument) {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(
                Path.of("/proc"), path -> path.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path dir : dirs) {
                try {
                    String cmdline = Files.readString(dir.resolve("cmdline"), StandardCharsets.ISO_8859_1);
                    if (List.of(cmdline.split("\0")).contains(argument)) {
                        long pid = Long.parseLong(dir.getFileName().toString());
                        if (running(pid)) pids.add(pid);
                    }
                } catch (IOException e) {
                    // ended while the list was read
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list /proc", e);
        }
        return pids;
    }

    /** Waits until {@code count} processes run with {@code argument}; returns their pids. */
    static List<Long> awaitStarted(String argument, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<Long> pids = withArgument(argument);
        while (pids.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            pids = withArgument(argument);
        }
        if (pids.size() < count) {
            throw new AssertionError(
                    "expected " + count + " processes running 'sleep " + argument + "', found " + pids);
        }
        return pids;
    }

    /** The pids a command wrote to {@code file}, one per line. */
    static List<Long> pidsIn(Path file) throws IOException {
        if (!Files.exists(file)) return List.of();
        return Files.readAllLines(file).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .map(Long::parseLong)
                .toList();
    }

    /** Waits for the command to have written at least {@code count} pids to {@code file}. */
    static List<Long> awaitPids(Path file, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> pids = pidsIn(file);
            if (pids.size() >= count) return pids;
            Thread.sleep(20);
        }
        throw new AssertionError("the command never wrote " + count + " pids to " + file + ": " + pidsIn(file));
    }

    /**
     * Fails unless every one of {@code pids} stops running within a few seconds. The wait is an upper bound for
     * the kernel to finish a kill already sent, not time for anyone to send one: nothing is killed by the test.
     */
    static void assertAllGone(List<Long> pids) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<Long> alive = pids.stream().filter(Processes::running).toList();
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            alive = alive.stream().filter(Processes::running).toList();
        }
        if (!alive.isEmpty()) {
            alive.forEach(
                    pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly)); // no litter on failure
            throw new AssertionError("still running: " + alive);
        }
    }
}
