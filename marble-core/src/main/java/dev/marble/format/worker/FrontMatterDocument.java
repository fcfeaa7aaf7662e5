package dev.marble.format.worker;

import dev.marble.config.LocatedDocument;
import dev.marble.config.LocatedDocumentReader;
import dev.marble.config.ShapeValidator;
import dev.marble.error.ConfigException;
import dev.marble.error.SourceLocation;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JsonPointer;

/**
 * Parses front matter YAML into a {@link LocatedDocument} whose lines are lines of the whole
 * {@code .worker} file: the YAML reader counts from the extract, so every position is moved down by
 * the lines above it.
 */
final class FrontMatterDocument {

    private FrontMatterDocument() {}

    static LocatedDocument parse(Path file, FrontMatter frontMatter) {
        int shift = frontMatter.firstLine() - 1;
        if (frontMatter.yaml().isBlank()) {
            throw new ConfigException(
                    new SourceLocation(file, frontMatter.firstLine(), 1, null),
                    "the front matter is empty; expected a YAML mapping with at least 'name: ...'");
        }
        LocatedDocument extract;
        try {
            extract = LocatedDocumentReader.parse(file, frontMatter.yaml(), LocatedDocumentReader.Format.YAML);
        } catch (ConfigException e) {
            SourceLocation at = e.location();
            SourceLocation moved =
                    at.line() > 0 ? new SourceLocation(file, at.line() + shift, at.column(), at.field()) : at;
            throw new ConfigException(moved, problem(e), e);
        }
        LocatedDocument document =
                new LocatedDocument(file, extract.root(), shift(extract.values(), shift), shift(extract.keys(), shift));
        if (!document.root().isObject()) {
            throw new ConfigException(
                    document.valueAt(JsonPointer.empty(), null),
                    "expected the front matter to be a YAML mapping (name: ..., model: ...), got "
                            + ShapeValidator.describe(document.root()));
        }
        return document;
    }

    /** The message of {@code e} without the location it starts with. */
    static String problem(ConfigException e) {
        String prefix = e.location() + ": ";
        String message = e.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static Map<JsonPointer, LocatedDocument.Position> shift(
            Map<JsonPointer, LocatedDocument.Position> positions, int lines) {
        Map<JsonPointer, LocatedDocument.Position> moved = new HashMap<>();
        positions.forEach(
                (pointer, at) -> moved.put(pointer, new LocatedDocument.Position(at.line() + lines, at.column())));
        return moved;
    }
}
