package dev.marble.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonPointer;

class LocatedDocumentReaderTest {

    @Test
    void recordsTheLineAndColumnOfEveryValueAndKey() {
        String json = """
                {
                  "a": 1,
                  "b": {"c": [true, {"d": "x"}]}
                }""";
        LocatedDocument doc = LocatedDocumentReader.parse(Path.of("f.json"), json, LocatedDocumentReader.Format.JSON);
        assertThat(doc.valueAt(JsonPointer.compile("/a"), "a").toString()).isEqualTo("f.json:2:8: a");
        assertThat(doc.keyAt(JsonPointer.compile("/a"), "a").toString()).isEqualTo("f.json:2:3: a");
        assertThat(doc.valueAt(JsonPointer.compile("/b"), "b").toString()).isEqualTo("f.json:3:8: b");
        assertThat(doc.valueAt(JsonPointer.compile("/b/c/0"), "b.c[0]").toString())
                .isEqualTo("f.json:3:15: b.c[0]");
        assertThat(doc.valueAt(JsonPointer.compile("/b/c/1/d"), "d").toString()).isEqualTo("f.json:3:27: d");
    }

    @Test
    void readsYamlWithLocations() {
        String yaml = """
                replies:
                  - text: hello
                  - text: bye
                """;
        LocatedDocument doc = LocatedDocumentReader.parse(Path.of("r.yaml"), yaml, LocatedDocumentReader.Format.YAML);
        assertThat(doc.root().path("replies").get(1).path("text").asString()).isEqualTo("bye");
        assertThat(doc.valueAt(JsonPointer.compile("/replies/1/text"), "text").line())
                .isEqualTo(3);
    }
}
