package dev.marble.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.ConfigException;
import dev.marble.error.UsageException;
import dev.marble.json.Json;
import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.secret.SecretRedactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationFileTest {

    @TempDir
    Path temp;

    @Test
    void marblesOwnFormatRestoresTheConversationExactly() {
        List<Message> conversation = List.of(
                Message.user("Plan the trip"),
                new Message(
                        Role.ASSISTANT,
                        List.of(
                                new Part.Reasoning("Think first.", "sig-xyz", null),
                                new Part.Text("Checking the weather."),
                                new Part.ToolCall("toolu_1", "get_weather", Json.parse("{\"city\":\"Rome\"}")))),
                new Message(
                        Role.USER,
                        List.of(
                                new Part.ToolResult("toolu_1", "sunny", false),
                                new Part.Attachment("image/png", "map.png", new byte[] {9, 8, 7}))));
        Path file = temp.resolve("nested/conv.json");
        ConversationFile.write(file, "Be helpful.", "anthropic:claude-sonnet-4-6", conversation, new SecretRedactor());
        ConversationFile.Saved saved = ConversationFile.read(file);
        assertThat(saved.system()).isEqualTo("Be helpful.");
        assertThat(saved.messages().get(1)).isEqualTo(conversation.get(1));
        Part.Attachment attachment =
                (Part.Attachment) saved.messages().get(2).parts().get(1);
        assertThat(attachment.data()).containsExactly(9, 8, 7);
        assertThat(temp.resolve("nested/conv.json.partial")).doesNotExist();
    }

    @Test
    void llmLoopArgumentsMayBeJsonText() throws IOException {
        Path file = Files.writeString(temp.resolve("l.json"), """
                [{"prompt": "go", "response": "", "tool_calls": [{"name": "f", "arguments": "{\\"x\\": 1}"}]}]""");
        List<Message> messages = ConversationFile.read(file).messages();
        Part.ToolCall call = messages.get(1).toolCalls().getFirst();
        assertThat(call.arguments().path("x").asInt()).isEqualTo(1);
        assertThat(call.id()).isEqualTo("imported_0_0");
        assertThat(messages.get(2).parts()).singleElement().isInstanceOf(Part.ToolResult.class);
    }

    @Test
    void wrongFilesAreLocated() throws IOException {
        Path other = Files.writeString(temp.resolve("o.json"), "{\"messages\": []}");
        assertThatThrownBy(() -> ConversationFile.read(other))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected a Marble conversation");
        Path badMessage = Files.writeString(
                temp.resolve("b.json"),
                "{\"format\": \"marble-conversation\",\n \"messages\": [{\"role\": \"robot\"}]}");
        assertThatThrownBy(() -> ConversationFile.read(badMessage))
                .isInstanceOf(ConfigException.class)
                .hasMessage(badMessage + ":2:24: messages[0].role: expected one of assistant, user, got \"robot\"");
        assertThatThrownBy(() -> ConversationFile.read(temp.resolve("missing.json")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("conversation file not found");
    }
}
