package dev.marble.tool.builtin;

import dev.marble.tool.Toolset;
import java.util.List;

/** The toolsets Marble ships: "files" and "shell". */
public final class BuiltinToolsets {

    private BuiltinToolsets() {}

    public static FileTools files() {
        return new FileTools();
    }

    public static ShellTools shell() {
        return new ShellTools();
    }

    /** Files, then shell. */
    public static List<Toolset> all() {
        return List.of(files(), shell());
    }
}
