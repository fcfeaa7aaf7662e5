package dev.marble.config;

import dev.marble.error.ConfigException;
import dev.marble.error.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The text of a definition file (config, chain, program, worker, replay, conversation), with the
 * one-line errors a user sees. A file larger than its {@link FileSizeLimit} is refused before a
 * byte of it is parsed.
 */
public final class ConfigText {

    private ConfigText() {}

    public static String read(Path file) {
        return read(file, FileSizeLimit.DEFINITION);
    }

    public static String read(Path file, FileSizeLimit limit) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) > limit.bytes())
                throw tooLarge(file, Files.size(file), limit);
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) limit.bytes() + 1);
            }
            if (bytes.length > limit.bytes()) throw tooLarge(file, -1, limit);
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException(SourceLocation.of(file), "file not found");
        } catch (CharacterCodingException e) {
            throw new ConfigException(SourceLocation.of(file), "not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(SourceLocation.of(file), "cannot read: " + e.getMessage());
        }
    }

    private static ConfigException tooLarge(Path file, long size, FileSizeLimit limit) {
        String has = size >= 0 ? "has " + size + " bytes" : "is larger than that";
        return new ConfigException(
                SourceLocation.of(file),
                "too large to read: " + limit.kind() + " may have at most " + limit.shown() + " (" + limit.bytes()
                        + " bytes), and this one " + has);
    }
}
