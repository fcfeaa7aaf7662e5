package dev.marble.tool.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * One output stream of a command, kept within a limit: its first half-limit characters and its
 * last half-limit characters, with a count of what was cut between. The head says what started
 * and the tail how it ended (the error, the summary), which is what a model needs from a long
 * build log. Memory stays bounded however much the command prints.
 */
final class OutputCapture {

    private final int halfLimit;
    private final StringBuilder head = new StringBuilder();
    private final char[] tail;
    private int tailStart;
    private int tailLength;
    private long total;

    OutputCapture(int limit) {
        this.halfLimit = limit / 2;
        this.tail = new char[limit - halfLimit];
    }

    /**
     * Reads {@code in} to its end on a virtual thread, decoding UTF-8 leniently. The thread ends
     * when the stream ends or fails (closed because the process was killed).
     */
    Thread drain(InputStream in) {
        return Thread.ofVirtual().name("run_command output").start(() -> {
            char[] buffer = new char[8192];
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) append(buffer, n);
            } catch (IOException e) {
                // The pipe closed under us: what was read so far is all there is.
            }
        });
    }

    synchronized void append(char[] chars, int count) {
        for (int i = 0; i < count; i++) {
            char c = chars[i];
            total++;
            if (head.length() < halfLimit) {
                head.append(c);
            } else if (tailLength < tail.length) {
                tail[(tailStart + tailLength++) % tail.length] = c;
            } else {
                tail[tailStart] = c;
                tailStart = (tailStart + 1) % tail.length;
            }
        }
    }

    /** Everything, or head and tail with a line saying how many characters were cut between them. */
    synchronized String text() {
        StringBuilder out = new StringBuilder(head);
        long cut = total - head.length() - tailLength;
        if (cut > 0) {
            out.append("\n[... ")
                    .append(cut)
                    .append(" characters cut from the middle of ")
                    .append(total)
                    .append(" ...]\n");
        }
        for (int i = 0; i < tailLength; i++) out.append(tail[(tailStart + i) % tail.length]);
        return out.toString();
    }
}
