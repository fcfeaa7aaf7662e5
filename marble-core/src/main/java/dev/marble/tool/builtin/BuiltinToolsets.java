package dev.marble.tool.builtin;

import dev.marble.tool.Toolset;
import java.util.List;

/** The toolsets Marble ships: "files" and "shell". */
public final class BuiltinToolsets {

    private BuiltinToolsets() {}

    public static FileTools files() {
        return new FileTools();
    }

    /** llm-do's {@code filesystem}: Marble's file tools with llm-do's {@code read_file} and {@code list_files}. */
    public static LlmDoFileTools llmDoFiles() {
        return new LlmDoFileTools();
    }

    public static ShellTools shell() {
        return new ShellTools();
    }

    /** Files, then shell. */
    public static List<Toolset> all() {
        return List.of(files(), shell());
    }
}
