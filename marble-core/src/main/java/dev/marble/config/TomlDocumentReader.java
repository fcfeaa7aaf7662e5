package dev.marble.config;

import dev.marble.error.ConfigException;
import dev.marble.error.SourceLocation;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Reads TOML files (LLMProc programs) into {@link LocatedDocument}s, so that they are validated and
 * reported like the JSON and YAML files of {@link LocatedDocumentReader}. Jackson gives the values;
 * {@link TomlPositions} gives the lines and columns, which Jackson's TOML tree does not keep.
 */
public final class TomlDocumentReader {

    private static final TomlMapper TOML = TomlMapper.builder().build();

    private TomlDocumentReader() {}

    public static LocatedDocument read(Path file) {
        String text = ConfigText.read(file);
        return parse(file, text);
    }

    public static LocatedDocument parse(Path file, String text) {
        JsonNode root;
        try {
            root = TOML.readTree(text);
        } catch (JacksonException e) {
            TokenStreamLocation where = e.getLocation();
            int line = where == null ? 0 : Math.max(0, where.getLineNr());
            int column = where == null ? 0 : Math.max(0, where.getColumnNr());
            throw new ConfigException(
                    new SourceLocation(file, line, column, null),
                    "not valid TOML: " + firstLine(e.getOriginalMessage()));
        }
        TomlPositions positions = TomlPositions.scan(text);
        return new LocatedDocument(file, root, positions.values, positions.keys);
    }

    private static String firstLine(String message) {
        if (message == null) return "unreadable";
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
