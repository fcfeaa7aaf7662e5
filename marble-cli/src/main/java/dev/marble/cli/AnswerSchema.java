package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.config.LocatedDocumentReader;
import dev.marble.error.UsageException;
import dev.marble.json.Json;
import dev.marble.json.JsonSchemas;
import dev.marble.model.ChatOptions;
import dev.marble.model.ModelRef;
import dev.marble.provider.ProviderSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --json-schema SCHEMA}: the answer must be JSON that fits the schema (a file, or the schema's JSON
 * itself). The request asks for it in the Chat Completions form ({@code response_format} of type
 * {@code json_schema}), which OpenAI-compatible servers honour and the local provider enforces with a grammar;
 * the answer is then checked here as well, because a server may ignore the request. Providers that cannot take
 * the request are refused before any call.
 */
record AnswerSchema(JsonNode schema, String source) {

    /** Provider types that take {@code response_format}; {@code scripted} replays whatever its file holds. */
    private static final Set<String> SUPPORTED = Set.of("openai", "local", "scripted");

    static AnswerSchema read(String value, Path cwd) {
        String text = value.strip();
        if (text.startsWith("{")) {
            JsonNode schema;
            try {
                schema = Json.parse(text);
            } catch (RuntimeException e) {
                throw new UsageException("--json-schema: not JSON: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
            return checked(schema, "--json-schema");
        }
        Path file = cwd.resolve(text).normalize();
        if (!Files.isRegularFile(file)) throw new UsageException("--json-schema " + value + ": no such file");
        return checked(LocatedDocumentReader.read(file).root(), file.toString());
    }

    private static AnswerSchema checked(JsonNode schema, String source) {
        if (!schema.isObject()) throw new UsageException(source + ": expected a JSON schema (an object)");
        if (!JsonSchemas.readable(schema))
            throw new UsageException(source + ": not a JSON schema the validator can read");
        return new AnswerSchema(schema, source);
    }

    /** Refuses models whose provider cannot be asked for a schema, naming the first such model. */
    void requireSupport(Marble marble, List<ModelRef> models) {
        for (ModelRef model : models) {
            String type = marble.catalog()
                    .find(model.provider())
                    .map(ProviderSpec::type)
                    .orElse("?");
            if (!SUPPORTED.contains(type)) {
                throw new UsageException("--json-schema: " + model + " (provider type " + type + ") cannot be held to"
                        + " a schema; use an OpenAI-compatible or local model");
            }
        }
    }

    void applyTo(ChatOptions.Builder options) {
        ObjectNode format = Json.object();
        format.put("type", "json_schema");
        ObjectNode jsonSchema = format.putObject("json_schema");
        jsonSchema.put("name", "answer");
        jsonSchema.set("schema", schema);
        options.extra("response_format", format);
    }

    /** Why the answer does not fit; empty when it does. */
    Optional<String> problems(String answer) {
        JsonNode value;
        try {
            value = Json.parse(answer.strip());
        } catch (RuntimeException notJson) {
            return Optional.of("the answer is not JSON");
        }
        return JsonSchemas.problems(schema, value);
    }
}
