package dev.marble.provider.conformance;

import static org.assertj.core.api.Assertions.fail;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The schemas of one official OpenAPI 3.1 document ({@code components/schemas/NAME}), checked with the
 * networknt JSON Schema validator as JSON Schema 2020-12, the dialect of OpenAPI 3.1 schemas. {@code $ref}s
 * resolve inside the same document, as Prism resolves them. Use the {@code *.fixed.json} copies: the published
 * documents keep OpenAPI 3.0's {@code nullable}, which 2020-12 ignores, so a {@code null} the API sends would fail.
 * <p>
 * Not networknt's OpenAPI 3.1 dialect: it enforces {@code discriminator}, which OpenAPI 3.1 makes a hint beside
 * {@code oneOf}, and the OpenAI document's discriminators have no mapping (e.g. {@code propertyName: role} for
 * messages), so it looks for a schema named "user" and rejects every message. Plain 2020-12 validates such a
 * {@code oneOf} by its alternatives, each of which pins the discriminating property, as Prism's AJV does.
 */
final class SpecSchemas {
    private final String documentIri;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private SpecSchemas(String documentIri, SchemaRegistry registry) {
        this.documentIri = documentIri;
        this.registry = registry;
    }

    static SpecSchemas load(Path spec) {
        String iri = "https://spec.marble.invalid/" + spec.getFileName(); // a name only: nothing is fetched
        String text;
        try {
            text = Files.readString(spec);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + spec, e);
        }
        SchemaRegistry registry =
                SchemaRegistry.withDialect(Dialects.getDraft202012(), builder -> builder.schemas(Map.of(iri, text)));
        return new SpecSchemas(iri, registry);
    }

    /** Each breach of {@code components/schemas/NAME} as "location: message"; empty when valid. */
    List<String> violations(String name, JsonNode instance) {
        Schema schema = schemas.computeIfAbsent(name, n -> {
            Schema s = registry.getSchema(SchemaLocation.of(documentIri + "#/components/schemas/" + n));
            s.initializeValidators(); // an unresolvable $ref fails here, not as a silent pass
            return s;
        });
        List<Error> errors = schema.validate(instance);
        return errors.stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                .toList();
    }

    void assertValid(String name, JsonNode instance, String what) {
        List<String> violations = violations(name, instance);
        if (!violations.isEmpty()) {
            fail(what + " breaks " + name + " of the spec:\n  " + String.join("\n  ", violations) + "\n" + what + ": "
                    + instance);
        }
    }
}
