package dev.marble.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The processes Linux lists under {@code /proc}: who started whom, which session each is in, and what
 * environment each was started with. Java's {@link ProcessHandle} tells parents and children only; finding a
 * process that left its parent (a double fork) or its session ({@code setsid}) needs the kernel's own table.
 */
final class ProcessTable {

    private static final Path PROC = Path.of("/proc");

    private ProcessTable() {}

    /** Whether this system has a readable {@code /proc} of the Linux kind. */
    static boolean available() {
        return Files.isReadable(PROC.resolve("self/stat")) && Files.isReadable(PROC.resolve("self/environ"));
    }

    /** One process. Its environment is read only when asked for, since that is the costly part. */
    record Entry(long pid, long parent, long session, boolean zombie) {

        /**
         * Whether the process was started with {@code variable=value} in its environment. A process can change
         * its environment after it started, but {@code /proc} shows what it was started with, which is what a
         * child inherits unless the process clears it on purpose.
         */
        boolean carries(String assignment) {
            byte[] environ;
            try {
                environ = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
            } catch (IOException | SecurityException e) {
                return false; // gone, or another user's: neither is one of ours to end
            }
            byte[] wanted = assignment.getBytes(StandardCharsets.UTF_8);
            int start = 0;
            for (int i = 0; i <= environ.length; i++) {
                if (i == environ.length || environ[i] == 0) {
                    if (i - start == wanted.length && Arrays.equals(environ, start, i, wanted, 0, wanted.length)) {
                        return true;
                    }
                    start = i + 1;
                }
            }
            return false;
        }
    }

    /** Every process, as far as it can be read; processes that end while it is read are left out. */
    static List<Entry> scan() {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> directories = Files.newDirectoryStream(PROC, ProcessTable::isPidDirectory)) {
            for (Path directory : directories) {
                Entry entry = read(directory);
                if (entry != null) entries.add(entry);
            }
        } catch (IOException e) {
            return entries;
        }
        return entries;
    }

    private static boolean isPidDirectory(Path path) {
        String name = path.getFileName().toString();
        if (name.isEmpty()) return false;
        for (int i = 0; i < name.length(); i++) if (!Character.isDigit(name.charAt(i))) return false;
        return true;
    }

    /**
     * Reads {@code /proc/PID/stat}: "PID (COMMAND) STATE PPID PGRP SESSION ...". The command may hold spaces and
     * parentheses, so the fields are counted from the last ')'.
     */
    private static Entry read(Path directory) {
        String stat;
        try {
            stat = Files.readString(directory.resolve("stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException | SecurityException e) {
            return null;
        }
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) return null;
        String[] fields = stat.substring(close + 2).split(" ");
        if (fields.length < 4) return null;
        try {
            char state = fields[0].charAt(0);
            return new Entry(
                    Long.parseLong(directory.getFileName().toString()),
                    Long.parseLong(fields[1]),
                    Long.parseLong(fields[3]),
                    state == 'Z' || state == 'X');
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }
}
