package dev.marble.config;

import dev.marble.error.ConfigException;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The text of a definition file (config, chain, program, worker), with the one-line errors a user sees. */
public final class ConfigText {

    private ConfigText() {}

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(SourceLocation.of(file), "file not found");
        } catch (MalformedInputException e) {
            throw new ConfigException(SourceLocation.of(file), "not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(SourceLocation.of(file), "cannot read: " + e.getMessage());
        }
    }
}
