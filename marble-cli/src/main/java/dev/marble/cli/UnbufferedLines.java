package dev.marble.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** One line from a stream without reading past it, so that the next reader of the stream gets the rest. */
final class UnbufferedLines {

    private UnbufferedLines() {}

    /** The line without its end ({@code \\n} or {@code \\r\\n}); null at the end of input before any byte. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        boolean any = false;
        while ((b = in.read()) != -1) {
            any = true;
            if (b == '\n') break;
            line.write(b);
        }
        if (!any) return null;
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
