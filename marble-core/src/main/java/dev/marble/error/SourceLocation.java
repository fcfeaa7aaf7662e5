package dev.marble.error;

import java.nio.file.Path;

/**
 * Where in a file something is: {@code file:line:column} as editors and compilers print it, plus
 * the field in question. Line and column are 1-based; 0 means unknown.
 */
public record SourceLocation(Path file, int line, int column, String field) {

    public static SourceLocation of(Path file) {
        return new SourceLocation(file, 0, 0, null);
    }

    public SourceLocation withField(String newField) {
        return new SourceLocation(file, line, column, newField);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(file == null ? "<input>" : file.toString());
        if (line > 0) {
            out.append(':').append(line);
            if (column > 0) out.append(':').append(column);
        }
        if (field != null && !field.isEmpty()) out.append(": ").append(field);
        return out.toString();
    }
}
