package dev.marble.cli;

import dev.marble.error.UsageException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a prompt comes from, in llmauto's order: the words on the command line, else the file
 * given with {@code -f} ({@code -} is standard input), else standard input when it is not a
 * terminal. A prompt that is empty or only whitespace is a usage error, not a model call.
 */
final class PromptInput {

    private PromptInput() {}

    static String read(List<String> words, Path file, CliContext context) {
        if (words != null && !words.isEmpty()) {
            if (file != null) throw new UsageException("give the prompt either as words or with -f, not both");
            return nonBlank(String.join(" ", words), null);
        }
        if (file != null) {
            if (file.toString().equals("-")) return nonBlank(readStdin(context), "standard input");
            Path resolved = context.environment().workingDirectory().resolve(file);
            try {
                return nonBlank(Files.readString(resolved, StandardCharsets.UTF_8), "prompt file " + file);
            } catch (NoSuchFileException e) {
                throw new UsageException("prompt file not found: " + resolved);
            } catch (AccessDeniedException e) {
                throw new UsageException("prompt file not readable: " + resolved);
            } catch (MalformedInputException e) {
                throw new UsageException("prompt file is not UTF-8 text: " + resolved);
            } catch (IOException e) {
                throw new UsageException("cannot read prompt file " + resolved + ": " + e.getMessage());
            }
        }
        if (context.stdinIsTerminal()) {
            throw new UsageException("no prompt: give it as words, with -f FILE, or on standard input");
        }
        return nonBlank(readStdin(context), "standard input");
    }

    /** Standard input, stripped, when it is not a terminal and holds a prompt; else {@code fallback}. */
    static String stdinOr(String fallback, CliContext context) {
        String piped = context.stdinIsTerminal() ? "" : readStdin(context).strip();
        return piped.isEmpty() ? fallback : piped;
    }

    private static String readStdin(CliContext context) {
        try {
            return new String(context.in().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot read standard input: " + e.getMessage());
        }
    }

    private static String nonBlank(String prompt, String source) {
        if (prompt.isBlank())
            throw new UsageException("the prompt is empty" + (source == null ? "" : " (" + source + ")"));
        return prompt;
    }
}
