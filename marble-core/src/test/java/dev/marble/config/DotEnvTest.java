package dev.marble.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvTest {

    private static final Path FILE = Path.of("/project/.env");

    private static Map<String, String> values(DotEnv env) {
        Map<String, String> values = new LinkedHashMap<>();
        env.entries().forEach(e -> values.put(e.key(), e.value()));
        return values;
    }

    @Test
    void readsTheShapesPythonDotenvReads() {
        DotEnv env = DotEnv.parse(FILE, """
                # provider keys
                ANTHROPIC_API_KEY=sk-ant-123

                export GOOGLE_CLOUD_PROJECT=my-project
                  SPACED = padded value   # a comment
                HASH_IN_VALUE=abc#def
                SINGLE='literal \\n $HOME # kept'
                DOUBLE="line one\\nline \\"two\\""
                EMPTY=
                EMPTY_QUOTES=""
                """);

        assertThat(env.problems()).isEmpty();
        assertThat(values(env))
                .containsExactly(
                        Map.entry("ANTHROPIC_API_KEY", "sk-ant-123"),
                        Map.entry("GOOGLE_CLOUD_PROJECT", "my-project"),
                        Map.entry("SPACED", "padded value"),
                        Map.entry("HASH_IN_VALUE", "abc#def"),
                        Map.entry("SINGLE", "literal \\n $HOME # kept"),
                        Map.entry("DOUBLE", "line one\nline \"two\""),
                        Map.entry("EMPTY", ""),
                        Map.entry("EMPTY_QUOTES", ""));
        assertThat(env.entries().get(1).line()).isEqualTo(4);
    }

    @Test
    void aQuotedValueMaySpanLines() {
        DotEnv env = DotEnv.parse(FILE, """
                KEY="-----BEGIN PRIVATE KEY-----
                MIIEabc
                -----END PRIVATE KEY-----"
                AFTER=1
                """);

        assertThat(env.problems()).isEmpty();
        assertThat(values(env))
                .containsEntry("KEY", "-----BEGIN PRIVATE KEY-----\nMIIEabc\n-----END PRIVATE KEY-----")
                .containsEntry("AFTER", "1");
        assertThat(env.entries().get(1).line()).isEqualTo(4);
    }

    @Test
    void malformedLinesAreProblemsNamingFileAndLineButNeverTheirText() {
        DotEnv env = DotEnv.parse(FILE, """
                GOOD=1
                sk-ant-leaked-key-without-a-name
                BAD KEY=2
                TRAILING="x" y
                OPEN="never closed
                """);

        assertThat(values(env)).containsOnlyKeys("GOOD");
        assertThat(env.problems())
                .containsExactly(
                        "/project/.env:2: expected KEY=VALUE (or export KEY=VALUE); line ignored",
                        "/project/.env:3: expected KEY=VALUE (or export KEY=VALUE); line ignored",
                        "/project/.env:4: TRAILING has text after its closing quote; line ignored",
                        "/project/.env:5: OPEN opens a double quote that is never closed; line ignored");
        assertThat(String.join("\n", env.problems())).doesNotContain("leaked");
    }

    @Test
    void windowsLineEndingsAreRead() {
        assertThat(values(DotEnv.parse(FILE, "A=1\r\nB=\"2\"\r\n")))
                .containsExactly(Map.entry("A", "1"), Map.entry("B", "2"));
    }

    @Test
    void referencesAreExpandedFromTheEnvironmentThenEarlierLinesButNotInSingleQuotes(@TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve(".env"), """
                REGION=europe-west1
                BASE=https://${REGION}-aiplatform.googleapis.com/v1
                HOME_CACHE="${HOME}/cache"
                LITERAL='${REGION}'
                FALLBACK=${UNSET_ANYWHERE:-us-central1}
                EMPTY=[${UNSET_ANYWHERE}]
                """);
        Environment environment = new Environment(Map.of("HOME", "/home/me"), dir, dir);

        var loaded = DotEnvFiles.load(environment, List.of(dir), warning -> {});

        assertThat(loaded.environment().variables())
                .containsEntry("BASE", "https://europe-west1-aiplatform.googleapis.com/v1")
                .containsEntry("HOME_CACHE", "/home/me/cache")
                .containsEntry("LITERAL", "${REGION}")
                .containsEntry("FALLBACK", "us-central1")
                .containsEntry("EMPTY", "[]");
    }
}
