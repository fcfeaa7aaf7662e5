package dev.marble.config;

import dev.marble.error.ConfigException;
import dev.marble.error.SourceLocation;
import dev.marble.json.JsonTreeReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads JSON and YAML files into {@link LocatedDocument}s.
 *
 * <p>Written by hand because Jackson's tree model drops token locations: the tree is read once for
 * its values and the same text is streamed a second time to note where each key and value stood.
 * Configuration files are small, so the second pass costs nothing that matters.
 */
public final class LocatedDocumentReader {

    public enum Format {
        JSON,
        YAML
    }

    /**
     * SnakeYAML refuses a document of more code points than this on its own (its default is 3 Mi);
     * set to the largest YAML file Marble reads, so a file within its {@link FileSizeLimit} always
     * parses and nothing larger is ever scanned.
     */
    private static final int YAML_CODE_POINT_LIMIT = (int) FileSizeLimit.REPLAY.bytes();

    /** Built on first use: chains and configuration are JSON, and only a replay or a worker file is YAML. */
    private static final class Yaml {
        static final ObjectReader READER = YAMLMapper.builder(YAMLFactory.builder()
                        .loadSettings(LoadSettings.builder()
                                .setCodePointLimit(YAML_CODE_POINT_LIMIT)
                                .build())
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build()
                .reader();
    }

    private LocatedDocumentReader() {}

    /** Reads a definition file, YAML or JSON by its name. */
    public static LocatedDocument read(Path file) {
        return read(file, formatOf(file), FileSizeLimit.DEFINITION);
    }

    public static LocatedDocument read(Path file, Format format) {
        return read(file, format, FileSizeLimit.DEFINITION);
    }

    public static LocatedDocument read(Path file, Format format, FileSizeLimit limit) {
        return parse(file, ConfigText.read(file, limit), format);
    }

    /** YAML for .yaml and .yml files, JSON for the rest. */
    public static Format formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") ? Format.YAML : Format.JSON;
    }

    public static LocatedDocument parse(Path file, String text, Format format) {
        if (text.isBlank()) {
            throw new ConfigException(
                    SourceLocation.of(file),
                    "the file is empty; expected a " + (format == Format.YAML ? "YAML" : "JSON") + " object");
        }
        try {
            // JSON without a mapper (JsonTreeReader says why); YAML through its own
            JsonNode root = format == Format.YAML ? Yaml.READER.readTree(text) : JsonTreeReader.read(text);
            Map<JsonPointer, LocatedDocument.Position> values = new HashMap<>();
            Map<JsonPointer, LocatedDocument.Position> keys = new HashMap<>();
            try (JsonParser parser =
                    format == Format.YAML ? Yaml.READER.createParser(text) : JsonTreeReader.parser(text)) {
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) continue;
                    JsonPointer pointer = parser.streamReadContext().pathAsPointer();
                    LocatedDocument.Position at = position(parser.currentTokenLocation());
                    if (token == JsonToken.PROPERTY_NAME) {
                        keys.putIfAbsent(pointer, at);
                    } else {
                        values.putIfAbsent(pointer, at);
                    }
                }
            }
            return new LocatedDocument(file, root, values, keys);
        } catch (JacksonException e) {
            TokenStreamLocation where = e.getLocation();
            int line = where == null ? 0 : Math.max(0, where.getLineNr());
            int column = where == null ? 0 : Math.max(0, where.getColumnNr());
            String what = firstLine(e.getOriginalMessage());
            throw new ConfigException(
                    new SourceLocation(file, line, column, null),
                    "not valid " + (format == Format.YAML ? "YAML" : "JSON") + ": " + what);
        }
    }

    private static LocatedDocument.Position position(TokenStreamLocation location) {
        return new LocatedDocument.Position(location.getLineNr(), location.getColumnNr());
    }

    private static String firstLine(String message) {
        if (message == null) return "unreadable";
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
