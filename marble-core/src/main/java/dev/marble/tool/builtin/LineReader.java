package dev.marble.tool.builtin;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines ending in {@code \n} (dropping a {@code \r} before it), keeping at most a fixed
 * number of characters of each, so that one enormous line (minified JavaScript, a data dump)
 * neither fills memory nor the model's context.
 */
final class LineReader implements Closeable {

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int length;

    LineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line, shortened with a note when too long, or null at the end. */
    String next() throws IOException {
        StringBuilder line = new StringBuilder();
        long cut = 0;
        char last = 0;
        boolean any = false;
        while (true) {
            if (position == length) {
                length = Math.max(0, in.read(buffer));
                position = 0;
                if (length == 0) return any ? finish(line, cut, last) : null;
            }
            char c = buffer[position++];
            any = true;
            if (c == '\n') return finish(line, cut, last);
            if (line.length() < maxChars) line.append(c);
            else cut++;
            last = c;
        }
    }

    private static String finish(StringBuilder line, long cut, char last) {
        if (last == '\r') {
            if (cut > 0) cut--;
            else line.setLength(line.length() - 1);
        }
        if (cut > 0) line.append(" ... [line cut: ").append(cut).append(" more characters]");
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
