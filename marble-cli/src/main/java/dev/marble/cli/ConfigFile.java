package dev.marble.cli;

import dev.marble.config.ConfigSchema;
import dev.marble.config.LocatedDocument;
import dev.marble.config.LocatedDocumentReader;
import dev.marble.config.ProjectLocator;
import dev.marble.config.ShapeValidator;
import dev.marble.error.ConfigException;
import dev.marble.error.MarbleException;
import dev.marble.error.SourceLocation;
import dev.marble.error.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The configuration file {@code marble config set} and {@code unset} change: the project's {@code marble.json}
 * (at the project root Marble finds from here), or with {@code --global} the user's {@code config.json}. A change is
 * checked against {@link ConfigSchema} as the whole file would read, and only then written: to a temporary file
 * beside it, moved over it in one step, so a reader never sees half a file and a refused change leaves it as it was.
 */
record ConfigFile(Path path, String label) {

    static ConfigFile of(CliContext context, boolean global) {
        if (global) {
            return new ConfigFile(
                    context.environment().globalConfigDirectory().resolve("config.json"), "global config");
        }
        Path root = ProjectLocator.findRoot(context.environment().workingDirectory());
        return new ConfigFile(root.resolve(ProjectLocator.PROJECT_FILE), "project config");
    }

    /** The file's text; empty when there is no file yet. */
    String read() {
        try {
            return Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new MarbleException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** {@code text} with {@code key} set to {@code valueJson}; a file that is not well-formed JSON is refused. */
    String withValue(String text, ConfigKey key, String valueJson) {
        try {
            return JsonTextEdit.set(text, key.path(), valueJson);
        } catch (IllegalArgumentException malformed) {
            throw new ConfigException(SourceLocation.of(path), malformed.getMessage() + "; fix it by hand first");
        }
    }

    /** {@code text} without {@code key}; empty when the file does not set it. */
    Optional<String> without(String text, ConfigKey key) {
        try {
            return JsonTextEdit.unset(text, key.path());
        } catch (IllegalArgumentException malformed) {
            throw new ConfigException(SourceLocation.of(path), malformed.getMessage() + "; fix it by hand first");
        }
    }

    /**
     * Writes {@code text} once it passes the schema; a value that does not fit is a usage error naming {@code key},
     * and the file stays as it was.
     */
    void write(String text, ConfigKey key) {
        LocatedDocument document = LocatedDocumentReader.parse(path, text, LocatedDocumentReader.Format.JSON);
        try {
            ShapeValidator.validate(document, ConfigSchema.ROOT); // warnings are about keys this change did not touch
        } catch (ConfigException wrong) {
            String problem = wrong.getMessage()
                    .substring(Math.min(
                            wrong.getMessage().length(),
                            String.valueOf(wrong.location()).length() + 2));
            throw new UsageException(key.name() + ": " + problem + "; " + path + " is unchanged");
        }
        Path target = realTarget();
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(temporary, text, StandardCharsets.UTF_8);
                if (Files.exists(target)) {
                    Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(target));
                }
                move(temporary, target);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new MarbleException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Through a symbolic link (a dotfiles checkout), so the link stays a link and its target changes. */
    private Path realTarget() {
        try {
            return Files.isSymbolicLink(path) ? path.toRealPath() : path;
        } catch (IOException dangling) {
            return path;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notHere) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
