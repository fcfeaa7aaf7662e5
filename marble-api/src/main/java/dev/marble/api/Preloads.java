package dev.marble.api;

import dev.marble.error.UsageException;
import dev.marble.format.program.Preload;
import dev.marble.format.program.PreloadedFile;
import dev.marble.format.program.ProgramConversation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Files read for an agent's instructions at run time (LLMProc's {@code preload_files}), and instructions as such. */
final class Preloads {

    private Preloads() {}

    /** Instructions with nothing preloaded: the system prompt, or none. */
    static ProgramConversation of(String systemPrompt) {
        return new ProgramConversation(
                systemPrompt == null ? "" : systemPrompt, List.of(), systemPrompt != null, List.of());
    }

    /** Reads every file before any is used, so that one bad path adds nothing. */
    static Preload read(List<Path> files) {
        List<PreloadedFile> read = new ArrayList<>();
        for (Path file : files) {
            Path absolute = file.toAbsolutePath().normalize();
            try {
                read.add(new PreloadedFile(absolute, Files.readString(absolute, StandardCharsets.UTF_8)));
            } catch (NoSuchFileException e) {
                throw new UsageException("preload file not found: " + absolute);
            } catch (IOException | RuntimeException e) {
                throw new UsageException("cannot read preload file " + absolute + ": " + e.getMessage());
            }
        }
        return new Preload(read);
    }
}
