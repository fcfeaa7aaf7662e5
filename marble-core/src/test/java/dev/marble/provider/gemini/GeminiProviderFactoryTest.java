package dev.marble.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.config.ConfigLoader;
import dev.marble.config.Environment;
import dev.marble.config.MarbleConfig;
import dev.marble.error.ModelException;
import dev.marble.json.Json;
import dev.marble.model.ChatRequest;
import dev.marble.provider.ProviderCatalog;
import dev.marble.provider.ProviderContext;
import dev.marble.provider.ProviderSpec;
import dev.marble.provider.http.HttpTransport;
import dev.marble.secret.SecretRedactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the gemini provider takes its base URL and key from, and what it says when it has no key. */
class GeminiProviderFactoryTest {

    @TempDir
    Path temp;

    private final GeminiProviderFactory factory = new GeminiProviderFactory();

    private ProviderContext context(Map<String, String> variables) {
        Environment env = new Environment(variables, temp, temp);
        return new ProviderContext(
                env, ConfigLoader.load(env), HttpTransport.create(), SecretRedactor.fromEnvironment(Map.of()));
    }

    private ProviderSpec builtIn(Map<String, String> variables) {
        return factory.builtIns(new Environment(variables, temp, temp))
                .getFirst()
                .spec();
    }

    @Test
    void theBuiltInProviderIsGooglesApiUnlessAVariableMovesIt() {
        assertThat(builtIn(Map.of()))
                .isEqualTo(new ProviderSpec(
                        "gemini",
                        "gemini",
                        "https://generativelanguage.googleapis.com/v1beta",
                        "GEMINI_API_KEY",
                        "gemini-2.5-flash",
                        false,
                        "built in"));
        assertThat(builtIn(Map.of("GEMINI_BASE_URL", "http://127.0.0.1:9/v1beta")))
                .extracting(ProviderSpec::baseUrl, ProviderSpec::origin)
                .containsExactly("http://127.0.0.1:9/v1beta", "built in, base URL from GEMINI_BASE_URL");
        assertThat(builtIn(Map.of("GOOGLE_GEMINI_BASE_URL", "http://127.0.0.1:8/v1beta")))
                .extracting(ProviderSpec::baseUrl, ProviderSpec::origin)
                .containsExactly("http://127.0.0.1:8/v1beta", "built in, base URL from GOOGLE_GEMINI_BASE_URL");
    }

    @Test
    void withoutAKeyTheModelSaysWhichVariablesToSet() {
        ProviderSpec spec = builtIn(Map.of());
        var model = factory.create(spec, "gemini-2.5-flash", context(Map.of()));
        assertThatThrownBy(() -> model.chat(ChatRequest.of(null, "hi")))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("GEMINI_API_KEY (or GOOGLE_API_KEY) is not set");
        assertThat(factory.availability(spec, context(Map.of())).usable()).isFalse();
        assertThat(factory.availability(spec, context(Map.of("GOOGLE_API_KEY", "AIza-x")))
                        .reason())
                .isEqualTo("GOOGLE_API_KEY is set");
    }

    @Test
    void theKeyIsRegisteredAsASecretWhenTheModelIsMade() {
        ProviderContext context = context(Map.of("GEMINI_API_KEY", "AIza-registered-secret-000"));
        factory.create(builtIn(Map.of()), "gemini-2.5-flash", context);
        assertThat(context.redactor().redact("key AIza-registered-secret-000 leaked"))
                .doesNotContain("AIza-registered-secret-000");
    }

    @Test
    void marbleJsonCanNameAGeminiProviderOfItsOwn() throws IOException {
        Files.writeString(temp.resolve("marble.json"), """
                {"providers": {"work-gemini": {"type": "gemini", "base_url": "https://gemini.example.com/v1beta",
                  "api_key_env": "WORK_GEMINI_KEY"}}}""");
        Environment env = new Environment(Map.of(), temp, temp);
        MarbleConfig config = ConfigLoader.load(env);
        ProviderSpec spec =
                ProviderCatalog.load(config, env).find("work-gemini").orElseThrow();
        assertThat(spec.type()).isEqualTo("gemini");
        assertThat(spec.baseUrl()).isEqualTo("https://gemini.example.com/v1beta");
        var model = factory.create(spec, "gemini-2.5-pro", context(Map.of()));
        assertThatThrownBy(() -> model.chat(ChatRequest.of(null, "hi")))
                .hasMessageContaining("WORK_GEMINI_KEY (or GOOGLE_API_KEY) is not set");
    }

    @Test
    void schemasKeepWhatGeminiTakesAndNothingElse() {
        var converted = GeminiSchema.parameters(Json.parse("""
                {"type":"object","properties":{
                   "n":{"type":"number","format":"double","exclusiveMaximum":3},
                   "when":{"type":"string","format":"date-time"},
                   "either":{"oneOf":[{"type":"string"},{"type":"integer","enum":[1,2]}]},
                   "deep":{"$ref":"#"}},
                 "patternProperties":{"x":{}},"allOf":[]}"""));
        assertThat(converted.toString())
                .doesNotContain("exclusiveMaximum", "patternProperties", "allOf", "oneOf", "$ref");
        assertThat(converted.path("properties").path("n").path("format").asString())
                .isEqualTo("double");
        assertThat(converted.path("properties").path("when").path("format").asString())
                .isEqualTo("date-time");
        assertThat(converted
                        .path("properties")
                        .path("either")
                        .path("anyOf")
                        .get(1)
                        .path("enum")
                        .get(0)
                        .asString())
                .as("enum values are strings on this API")
                .isEqualTo("1");
        assertThat(converted.path("properties").path("deep").path("type").asString())
                .as("a recursive $ref is inlined only so deep")
                .isEqualTo("OBJECT");
        assertThat(GeminiSchema.parameters(Json.parse("{\"type\":\"object\"}"))).isNull();
    }
}
