package dev.marble.format.program;

import java.nio.file.Path;

/** One file put into a system prompt, read when the program was loaded. */
public record PreloadedFile(Path path, String content) {}
