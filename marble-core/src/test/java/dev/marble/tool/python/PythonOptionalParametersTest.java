package dev.marble.tool.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import dev.marble.json.JsonSchemas;
import dev.marble.tool.TestContext;
import dev.marble.tool.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Parameters that may be None ({@code Optional[str] = None}, {@code str | None = None}, {@code Union[int, None] =
 * None}) are optional in the schema and typed as what they are when not None, as a Java tool's {@code Optional<T>}
 * is; the real python3 runs the file and Marble's validator checks the arguments against the schema it gave.
 */
class PythonOptionalParametersTest {

    @TempDir
    Path dir;

    /** An llm-do file in its usual shape: postponed annotations, a context typed with a name it never defines. */
    private static final String NOTES = """
            from __future__ import annotations
            from enum import Enum
            from typing import Optional, Union
            from pydantic_ai import RunContext
            from pydantic_ai.toolsets import FunctionToolset

            notes = FunctionToolset()

            class Mood(Enum):
                CALM = "calm"
                LOUD = "loud"

            @notes.tool
            def note(ctx: RunContext[NoteDeps], title: str, body: Optional[str] = None, tag: str | None = None,
                     count: Union[int, None] = None, mood: Optional[Mood] = None, pages: list[int] | None = None,
                     ) -> str:
                \"\"\"Write a note.

                Args:
                    body: The text; none for an empty note.
                \"\"\"
                return repr((title, body, tag, count, mood, pages))
            """;

    @Test
    void noneDefaultsAreOptionalAndTypedAsTheirInnerType() throws Exception {
        Files.writeString(dir.resolve("tools.py"), NOTES);
        try (PythonFile file = PythonFile.load(dir.resolve("tools.py"), PythonStyle.TOOLSETS, Python.setup(dir))) {
            Tool note = file.tool("note").orElseThrow();
            JsonNode schema = note.spec().inputSchema();

            assertThat(Json.write(schema))
                    .isEqualTo("{\"type\":\"object\",\"properties\":{"
                            + "\"title\":{\"type\":\"string\"},"
                            + "\"body\":{\"type\":\"string\",\"description\":\"The text; none for an empty note.\","
                            + "\"default\":null},"
                            + "\"tag\":{\"type\":\"string\",\"default\":null},"
                            + "\"count\":{\"type\":\"integer\",\"default\":null},"
                            + "\"mood\":{\"enum\":[\"calm\",\"loud\"],\"type\":\"string\",\"default\":null},"
                            + "\"pages\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"},\"default\":null}},"
                            + "\"required\":[\"title\"]}");
            // What the model may send, as Marble's validator judges it before the tool runs.
            assertThat(JsonSchemas.problems(schema, Json.parse("{\"title\":\"t\"}")))
                    .isEmpty();
            assertThat(JsonSchemas.problems(schema, Json.parse("{\"title\":\"t\",\"count\":2,\"tag\":\"x\"}")))
                    .isEmpty();
            assertThat(JsonSchemas.problems(schema, Json.parse("{\"title\":\"t\",\"count\":\"two\"}")))
                    .isPresent();

            TestContext context = TestContext.in(dir);
            assertThat(context.call(note, "title", "t").content()).isEqualTo("('t', None, None, None, None, None)");
            assertThat(context.call(note, "title", "t", "body", "b", "count", 3, "mood", "loud", "pages", new int[] {
                                1, 2
                            })
                            .content())
                    .isEqualTo("('t', 'b', None, 3, <Mood.LOUD: 'loud'>, [1, 2])");
        }
    }
}
