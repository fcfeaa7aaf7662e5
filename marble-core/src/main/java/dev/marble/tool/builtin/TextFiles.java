package dev.marble.tool.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** How the file tools tell text from binary and decode text. */
final class TextFiles {

    /** How much of a file is looked at for NUL bytes: what git looks at, and enough in practice. */
    private static final int SNIFF_BYTES = 8000;

    private TextFiles() {}

    /** Whether the start of the file holds a NUL byte, which text in any encoding we show never does. */
    static boolean isBinary(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(SNIFF_BYTES);
            for (byte b : start) if (b == 0) return true;
            return false;
        }
    }

    /** A UTF-8 reader that shows invalid bytes as U+FFFD instead of failing. */
    static Reader lenientReader(Path file) throws IOException {
        return new InputStreamReader(
                Files.newInputStream(file),
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    /** Lines as a person counts them: a final line without a newline counts, an empty text has none. */
    static long lineCount(String text) {
        if (text.isEmpty()) return 0;
        long newlines = text.chars().filter(c -> c == '\n').count();
        return text.endsWith("\n") ? newlines : newlines + 1;
    }

    static String plural(long count, String singular, String pluralForm) {
        return count + " " + (count == 1 ? singular : pluralForm);
    }
}
