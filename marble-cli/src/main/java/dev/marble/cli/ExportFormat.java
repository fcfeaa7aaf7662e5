package dev.marble.cli;

import dev.marble.error.UsageException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The format {@code marble loop --export-conversation} writes: Marble's own, which keeps everything (the default),
 * or llm-loop's array, for scripts that read it, asked for by {@code --export-format llm-loop} or a file name
 * ending in {@code .llm-loop.json}.
 */
enum ExportFormat {
    MARBLE("marble"),
    LLM_LOOP("llm-loop");

    static final String LLM_LOOP_SUFFIX = ".llm-loop.json";

    private final String flag;

    ExportFormat(String flag) {
        this.flag = flag;
    }

    /** {@code --export-format}'s value; null (not given) follows the file's name. */
    static ExportFormat of(String typed, Path file) {
        if (typed == null) {
            boolean named =
                    file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(LLM_LOOP_SUFFIX);
            return named ? LLM_LOOP : MARBLE;
        }
        for (ExportFormat format : values()) {
            if (format.flag.equalsIgnoreCase(typed.strip())) return format;
        }
        throw new UsageException("--export-format " + typed + ": expected marble or llm-loop");
    }
}
