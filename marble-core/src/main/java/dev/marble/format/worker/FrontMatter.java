package dev.marble.format.worker;

import dev.marble.error.ConfigException;
import dev.marble.error.SourceLocation;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Splits a {@code .worker} file into its YAML front matter and its instruction body. The front matter
 * starts on line 2 (after the opening {@code ---}), which {@link #firstLine()} records so that YAML
 * positions can be reported as lines of the file, not of the extract.
 *
 * @param yaml      the text between the fences
 * @param firstLine the file line on which {@code yaml} begins
 * @param body      the instructions, stripped of surrounding blank space as llm-do strips them
 */
record FrontMatter(String yaml, int firstLine, String body) {

    static FrontMatter split(Path file, String text) {
        String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = content.split("\r?\n", -1);
        if (lines.length == 0 || !isFence(lines[0])) {
            throw new ConfigException(
                    new SourceLocation(file, 1, 1, null),
                    "missing front matter: a .worker file starts with a line '---', then YAML (name: ...), "
                            + "then '---', then the instructions");
        }
        for (int i = 1; i < lines.length; i++) {
            if (isFence(lines[i])) {
                String yaml = String.join("\n", Arrays.copyOfRange(lines, 1, i));
                String body = String.join("\n", Arrays.copyOfRange(lines, i + 1, lines.length));
                return new FrontMatter(yaml, 2, body.strip());
            }
        }
        throw new ConfigException(
                new SourceLocation(file, 1, 1, null),
                "the front matter opened by '---' on line 1 is never closed; expected a second '---' line before "
                        + "the instructions");
    }

    /** llm-do's pattern allowed blank space after the dashes, nothing else. */
    private static boolean isFence(String line) {
        return line.startsWith("---") && line.substring(3).isBlank();
    }
}
