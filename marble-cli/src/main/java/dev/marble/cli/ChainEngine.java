package dev.marble.cli;

import dev.marble.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The engine a chain file names ({@code "engine": "temporal"}), read after the chain has loaded: the chain schema has
 * checked the value by then, with its file and line. The chain model itself does not carry it, as the engine is where
 * a chain runs, not what it is.
 */
final class ChainEngine {

    private ChainEngine() {}

    static Optional<String> named(Path chainFile) {
        try {
            JsonNode engine = Json.parse(Files.readString(chainFile)).path("engine");
            return engine.isString() ? Optional.of(engine.stringValue()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
