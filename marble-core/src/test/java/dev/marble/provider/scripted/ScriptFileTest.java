package dev.marble.provider.scripted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.ConfigException;
import dev.marble.error.ModelException;
import dev.marble.model.ChatRequest;
import dev.marble.model.ModelRef;
import dev.marble.model.Part;
import dev.marble.model.StopReason;
import dev.marble.model.StreamListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptFileTest {

    @TempDir
    Path temp;

    @Test
    void repliesInOrderWithToolCallsUsageAndStreaming() throws IOException {
        Path file = Files.writeString(temp.resolve("r.yaml"), """
                replies:
                  - text: "I will look."
                    tool_calls:
                      - {name: read_file, arguments: {path: a.txt}}
                    usage: {input_tokens: 7, output_tokens: 3}
                  - text: Done, all good.
                """);
        ScriptedChatModel model = new ScriptedChatModel(new ModelRef("scripted", "r.yaml"), ScriptFile.load(file));
        var first = model.chat(ChatRequest.of(null, "go"));
        assertThat(first.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(first.message().toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("read_file");
            assertThat(call.arguments().path("path").asString()).isEqualTo("a.txt");
        });
        assertThat(first.usage().inputTokens()).isEqualTo(7);
        List<String> deltas = new ArrayList<>();
        var second = model.chat(ChatRequest.of(null, "next"), new StreamListener() {
            @Override
            public void onText(String delta) {
                deltas.add(delta);
            }
        });
        assertThat(String.join("", deltas)).isEqualTo("Done, all good.");
        assertThat(deltas).hasSizeGreaterThan(1);
        assertThat(second.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThatThrownBy(() -> model.chat(ChatRequest.of(null, "more")))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("has 2 replies and call 3 asked for another");
    }

    @Test
    void aTopLevelListWorksAndJsonToo() throws IOException {
        Path file = Files.writeString(
                temp.resolve("r.json"), "[{\"text\": \"a\"}, {\"reasoning\": \"hm\", \"text\": \"b\"}]");
        ScriptFile script = ScriptFile.load(file);
        assertThat(script.replies()).hasSize(2);
        assertThat(script.replies().get(1).parts().getFirst()).isInstanceOf(Part.Reasoning.class);
    }

    @Test
    void mistakesAreLocated() throws IOException {
        Path file =
                Files.writeString(temp.resolve("bad.yaml"), "replies:\n  - text: ok\n  - usage: {input_tokens: -1}\n");
        assertThatThrownBy(() -> ScriptFile.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file
                        + ":3:27: replies[1].usage.input_tokens: expected an integer from 0 to 2147483647, got -1");
        Path empty = Files.writeString(temp.resolve("e.yaml"), "replies:\n  - {}\n");
        assertThatThrownBy(() -> ScriptFile.load(empty))
                .hasMessageContaining("a reply needs text, tool_calls or error");
        Path unknownError = Files.writeString(temp.resolve("u.yaml"), "- {error: exploded}\n");
        assertThatThrownBy(() -> ScriptFile.load(unknownError)).hasMessageContaining("expected one of");
        assertThatThrownBy(() -> ScriptFile.load(temp.resolve("missing.yaml"))).hasMessageContaining("file not found");
    }

    @Test
    void anUnknownKeyIsKeptAsAWarningAtItsLine() throws IOException {
        Path file = Files.writeString(temp.resolve("typo.yaml"), "replies:\n  - text: ok\n    stop_reasn: end_turn\n");
        ScriptFile script = ScriptFile.load(file);
        assertThat(script.replies()).hasSize(1);
        assertThat(script.warnings())
                .singleElement()
                .hasToString(
                        file + ":3:5: replies[0].stop_reasn: unknown key, ignored (did you mean \"stop_reason\"?)");
    }

    @Test
    void aToolCallsArgumentsAreTheToolsAndDrawNoWarning() throws IOException {
        Path file = Files.writeString(
                temp.resolve("tools.yaml"),
                "replies:\n  - tool_calls:\n      - {name: write_file, arguments: {path: a.md, content: x}}\n");
        assertThat(ScriptFile.load(file).warnings()).isEmpty();
    }

    @Test
    void aReplayRecordedFromTheJournalDrawsNoWarning() throws IOException {
        Path file = Files.writeString(
                temp.resolve("recorded.json"),
                "{\"recorded_from\": \"01abc\", \"replies\": [{\"text\": \"hi\", \"stop_reason\": \"end_turn\","
                        + " \"usage\": {\"input_tokens\": 1, \"output_tokens\": 2}}]}");
        assertThat(ScriptFile.load(file).warnings()).isEmpty();
    }
}
