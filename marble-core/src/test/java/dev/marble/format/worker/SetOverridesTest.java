package dev.marble.format.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.UsageException;
import dev.marble.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** llm-do's --set tests (tests/test_config_overrides.py), values compared as JSON. */
class SetOverridesTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            model=gpt-4                             | model                 | "gpt-4"
            toolsets.shell.timeout=30               | toolsets.shell.timeout | 30
            flag=true                               | flag                  | true
            flag=True                               | flag                  | true
            flag=TRUE                               | flag                  | true
            flag=yes                                | flag                  | true
            flag=on                                 | flag                  | true
            flag=false                              | flag                  | false
            flag=False                              | flag                  | false
            flag=FALSE                              | flag                  | false
            flag=no                                 | flag                  | false
            flag=off                                | flag                  | false
            max_count=10                            | max_count             | 10
            threshold=3.14                          | threshold             | 3.14
            `tags=["a", "b", "c"]`                  | tags                  | `["a","b","c"]`
            `config={"key": "value"}`               | config                | `{"key":"value"}`
            field=                                  | field                 | ""
            url=https://example.com?param=value     | url                   | "https://example.com?param=value"
            model=null                              | model                 | null
            ` model = openai:gpt-4o `               | model                 | "openai:gpt-4o"
            n=007                                   | n                     | 7
            n=+5                                    | n                     | 5
            n=1_000                                 | n                     | 1000
            x=1.                                    | x                     | 1.0
            x=.5                                    | x                     | 0.5
            x=1e3                                   | x                     | 1000.0
            x=1.5f                                  | x                     | "1.5f"
            x=1 2                                   | x                     | "1 2"
            """)
    void valuesAreTypedAsLlmDoTypesThem(String spec, String key, String json) {
        SetOverrides.Override override = SetOverrides.parseOne(spec);
        assertThat(override.key()).isEqualTo(key);
        JsonNode expected = Json.parse(json);
        assertThat(
                        override.value().isNumber() && expected.isNumber()
                                ? override.value().decimalValue().compareTo(expected.decimalValue()) == 0
                                : override.value().equals(expected))
                .as("%s gives %s", spec, override.value())
                .isTrue();
        assertThat(override.value().isIntegralNumber()).isEqualTo(expected.isIntegralNumber());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            invalid    | --set 'invalid': expected KEY=VALUE (e.g. --set model=openai:gpt-4o)
            =value     | --set '=value': the key before '=' is empty
            a..b=1     | --set 'a..b=1': the key has an empty part; expected names joined by dots, like toolsets.shell.default
            """)
    void malformedSpecsAreOneLine(String spec, String message) {
        assertThatThrownBy(() -> SetOverrides.parse(List.of(spec)))
                .isInstanceOf(UsageException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `{"toolsets": {"shell": {"timeout": 30}}}`             | toolsets.shell.timeout=60           | `{"toolsets": {"shell": {"timeout": 60}}}`
            `{}`                                                   | toolsets.shell.timeout=30           | `{"toolsets": {"shell": {"timeout": 30}}}`
            `{}`                                                   | a.b.c.d=value                       | `{"a": {"b": {"c": {"d": "value"}}}}`
            `{"toolsets": {"shell": {"timeout": 30, "other": "keep"}}}` | `toolsets.shell.rules=[{"pattern": "git"}]` | `{"toolsets": {"shell": {"timeout": 30, "other": "keep", "rules": [{"pattern": "git"}]}}}`
            `{"toolsets": {"shell": null}}`                        | toolsets.shell.default.approval_required=no | `{"toolsets": {"shell": {"default": {"approval_required": false}}}}`
            """)
    void nestedPathsCreateAndKeep(String initial, String spec, String expected) {
        ObjectNode result = SetOverrides.parse(List.of(spec)).applyTo((ObjectNode) Json.parse(initial));
        assertThat(result).isEqualTo(Json.parse(expected));
    }

    @Test
    void goingThroughAValueThatIsNotAMappingIsAnError() {
        assertThatThrownBy(() -> SetOverrides.parse(List.of("model.nested=value"))
                        .applyTo((ObjectNode) Json.parse("{\"model\": \"x\"}")))
                .isInstanceOf(UsageException.class)
                .hasMessage("--set 'model.nested=value': cannot go through model, which is a string, not a mapping");
    }

    @Test
    void laterOverridesWinAndTheOriginalIsUntouched() {
        ObjectNode original =
                (ObjectNode) Json.parse("{\"name\": \"test\", \"model\": \"original\", \"description\": \"d\"}");
        ObjectNode result = SetOverrides.parse(List.of("model=first", "model=second", "model=third"))
                .applyTo(original);
        assertThat(result).isEqualTo(Json.parse("{\"name\": \"test\", \"model\": \"third\", \"description\": \"d\"}"));
        assertThat(original.get("model").stringValue()).isEqualTo("original");
    }

    @Test
    void complexNestedOverridesOnAWorkerFileAreCheckedLikeTheFile() throws IOException {
        Path file = Files.writeString(temp.resolve("main.worker"), "---\nname: main\nmodel: openai:gpt-4\n---\nTest\n");
        WorkerDefinition worker = WorkerFile.load(
                file,
                SetOverrides.parse(List.of(
                        "model=anthropic:claude-sonnet-4",
                        "toolsets.shell.rules=[{\"pattern\": \"git *\"}]",
                        "toolsets.shell.default.approval_required=off",
                        "toolsets.filesystem.read_approval=yes")));
        assertThat(worker.model()).isEqualTo("anthropic:claude-sonnet-4");
        assertThat(worker.toolsets()).extracting(ToolsetRef::name).containsExactly("shell", "filesystem");
        assertThat(((ToolsetRef.Shell) worker.toolsets().getFirst()).rules())
                .isEqualTo(new ShellRules(List.of(new ShellRules.Rule("git *", true)), false));
        assertThat(((ToolsetRef.Filesystem) worker.toolsets().get(1)).readApproval())
                .isTrue();
    }

    @Test
    void anOverrideCanSupplyTheMissingName() throws IOException {
        Path file = Files.writeString(temp.resolve("anon.worker"), "---\nmodel: a:b\n---\nx\n");
        assertThat(WorkerFile.load(file, SetOverrides.parse(List.of("name=helper")))
                        .name())
                .isEqualTo("helper");
    }
}
