package dev.marble.format.program;

import dev.marble.config.ConfigWarning;
import java.util.List;

/** A program and the warnings of every file its graph was read from, in the order they were read. */
public record LoadedProgram(Program program, List<ConfigWarning> warnings) {
    public LoadedProgram {
        warnings = List.copyOf(warnings);
    }
}
