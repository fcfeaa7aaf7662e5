package dev.marble.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationJsonTest {

    @Test
    void everyPartSurvivesARoundTripSignaturesIncluded() {
        List<Message> conversation = List.of(
                new Message(
                        Role.USER,
                        List.of(
                                new Part.Text("look at this"),
                                new Part.Attachment("image/png", "dot.png", new byte[] {1, 2, 3}))),
                new Message(
                        Role.ASSISTANT,
                        List.of(
                                new Part.Reasoning("thinking hard", "sig-abc", null),
                                new Part.Reasoning("", null, "opaque-redacted"),
                                new Part.Text("I will read it"),
                                new Part.ToolCall("call_1", "read_file", Json.parse("{\"path\":\"a.txt\"}")))),
                new Message(Role.USER, List.of(new Part.ToolResult("call_1", "no such file", true))));
        String written = Json.write(ConversationJson.messages(conversation, true));
        List<Message> read = ConversationJson.readMessages(Json.parse(written));
        assertThat(read).hasSize(3);
        assertThat(read.get(1).parts())
                .containsExactlyElementsOf(conversation.get(1).parts());
        assertThat(read.get(2).parts())
                .containsExactlyElementsOf(conversation.get(2).parts());
        Part.Attachment attachment = (Part.Attachment) read.getFirst().parts().get(1);
        assertThat(attachment.data()).containsExactly(1, 2, 3);
    }

    @Test
    void withoutDataAttachmentsKeepOnlyTheirDescription() {
        var node = ConversationJson.part(new Part.Attachment("application/pdf", "a.pdf", new byte[2048]), false);
        assertThat(node.has("data")).isFalse();
        assertThat(node.path("size").asInt()).isEqualTo(2048);
    }
}
