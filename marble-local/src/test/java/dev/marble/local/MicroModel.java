package dev.marble.local;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.marble.config.Environment;
import dev.marble.config.MarbleConfig;
import dev.marble.json.Json;
import dev.marble.model.ModelRef;
import dev.marble.model.ToolSpec;
import dev.marble.provider.ChatModel;
import dev.marble.provider.ProviderContext;
import dev.marble.provider.ProviderSpec;
import dev.marble.testkit.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/** The test model behind the local provider, as the tests share it: one load per test JVM. */
final class MicroModel {

    static final List<String> NOTES = new CopyOnWriteArrayList<>();

    static final ToolSpec WEATHER = new ToolSpec("get_weather", "Current weather in a city", Json.parse("""
            {"type": "object", "properties": {"city": {"type": "string"}, "unit": {"type": "string", "enum": ["C", "F"]}},
             "required": ["city"]}"""));
    static final ToolSpec ADD = new ToolSpec("add", "Adds two whole numbers", Json.parse("""
            {"type": "object", "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}}, "required": ["a", "b"]}"""));

    private MicroModel() {}

    static Path path() {
        return TestModels.microAgent();
    }

    static ChatModel model() {
        return model(path().toString());
    }

    static ChatModel model(String reference) {
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "marble-local-test-home");
        Environment environment = new Environment(
                Map.of("XDG_CACHE_HOME", home.resolve("cache").toString()),
                Path.of("").toAbsolutePath(),
                home);
        ProviderContext context = new ProviderContext(
                environment, MarbleConfig.empty(environment.workingDirectory()), null, null, NOTES::add);
        ProviderSpec spec = new ProviderSpec("local", "local", null, null, null, true, "built in");
        return new LocalProviderFactory().create(spec, reference, context);
    }

    static ModelRef ref() {
        return new ModelRef("local", path().toString());
    }

    static Duration timeout() {
        return Duration.ofSeconds(60);
    }

    /** Validation errors of {@code value} against {@code schema}; empty when it fits. */
    static List<String> problems(JsonNode schema, JsonNode value) {
        Schema compiled = SchemaRegistry.withDialect(Dialects.getDraft202012()).getSchema(schema);
        return compiled.validate(value).stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                .toList();
    }
}
