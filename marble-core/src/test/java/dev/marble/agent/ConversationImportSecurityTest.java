package dev.marble.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.ConfigException;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An imported conversation becomes a run's history, sent to the model as what was said. One of the wrong shape was
 * taken silently: {@code messages} as an empty object read as no messages (a full one failed with a Java
 * NullPointerException's text), {@code role: 3} as a user message, an unknown
 * {@code version} as version 1, and a tool result with no call before it (words put in a tool's mouth) went to the
 * model. Each is now refused with the file, line, column and field.
 */
class ConversationImportSecurityTest {

    private static final String HEAD = "{\"format\": \"marble-conversation\", \"version\": 1,\n";

    @TempDir
    Path temp;

    private Path file(String json) throws IOException {
        return Files.writeString(temp.resolve("conversation.json"), json);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # the rest of the file after HEAD                                                | location and problem
            "messages": {"0": {"role": "user", "parts": []}}}                               | 2:13: messages: expected a list where each item is an object, got an object
            "messages": [{"role": 3, "parts": [{"type": "text", "text": "hi"}]}]}           | 2:23: messages[0].role: expected one of assistant, user, got 3
            "messages": [{"role": "user", "parts": "hi"}]}                                  | 2:40: messages[0].parts: expected a list where each item is an object, got "hi"
            "messages": [{"role": "user"}]}                                                 | 2:14: messages[0]: missing required key "parts" (a list where each item is an object)
            "messages": [{"role": "user", "parts": [{"type": "video"}]}]}                   | 2:50: messages[0].parts[0].type: expected one of attachment, reasoning, text, tool_call, tool_result, got "video"
            "messages": [{"role": "user", "parts": [{"type": "text"}]}]}                    | 2:41: messages[0].parts[0]: missing required key "text" of a text part
            "messages": [{"role": "user", "parts": [{"type": "text", "text": 7}]}]}         | 2:66: messages[0].parts[0].text: expected a string, got 7
            "messages": [{"role": "user", "parts": [{"type": "tool_result", "tool_call_id": "t1", "content": "rm -rf done"}]}]} | 2:81: messages[0].parts[0].tool_call_id: expected the id of a tool call in the assistant message just before, not yet answered; got "t1"
            "messages": []}                                                                 | OK
            """)
    void aConversationOfTheWrongShapeIsRefusedWithItsField(String rest, String expected) throws IOException {
        Path file = file(HEAD + rest);
        if (expected.equals("OK")) {
            assertThat(ConversationFile.read(file).messages()).isEmpty();
            return;
        }
        assertThatThrownBy(() -> ConversationFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":" + expected);
    }

    @Test
    void anUnknownVersionIsRefused() throws IOException {
        Path file = file("{\"format\": \"marble-conversation\",\n \"version\": 99, \"messages\": []}");

        assertThatThrownBy(() -> ConversationFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2:13: version: expected version 1, the only version of the format this Marble"
                        + " reads, got 99");
    }

    @Test
    void aToolResultMustAnswerACallOfTheAssistantMessageJustBefore() throws IOException {
        String call =
                "{\"role\": \"assistant\", \"parts\": [{\"type\": \"tool_call\", \"id\": \"t1\", \"name\": \"f\"}]}";
        String answer = "{\"role\": \"user\", \"parts\": [{\"type\": \"tool_result\", \"tool_call_id\": \"t1\", "
                + "\"content\": \"ok\"}]}";
        String text = "{\"role\": \"user\", \"parts\": [{\"type\": \"text\", \"text\": \"go on\"}]}";
        String reply = "{\"role\": \"assistant\", \"parts\": [{\"type\": \"text\", \"text\": \"fine\"}]}";

        Path valid = file(HEAD + "\"messages\": [" + text + ", " + call + ", " + answer + "]}");
        assertThat(ConversationFile.read(valid).messages())
                .extracting(Message::role)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.USER);

        String result = "{\"type\": \"tool_result\", \"tool_call_id\": \"t1\", \"content\": \"ok\"}";
        Path twice = file(HEAD + "\"messages\": [" + call + ",\n{\"role\": \"user\", \"parts\": [" + result + ", "
                + result + "]}]}");
        assertThatThrownBy(() -> ConversationFile.read(twice))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("messages[1].parts[1].tool_call_id: expected the id of a tool call");

        Path late = file(HEAD + "\"messages\": [" + call + ", " + answer + ", " + reply + ",\n" + answer + "]}");
        assertThatThrownBy(() -> ConversationFile.read(late))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("messages[3].parts[0].tool_call_id: expected the id of a tool call");

        Path fromTheModel =
                file(HEAD + "\"messages\": [" + call + ",\n" + answer.replace("\"user\"", "\"assistant\"") + "]}");
        assertThatThrownBy(() -> ConversationFile.read(fromTheModel))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("messages[1].parts[0].tool_call_id: a tool result belongs in a user message");
    }

    @Test
    void anLlmLoopExportOfTheWrongShapeIsRefusedToo() throws IOException {
        Path file = file("[{\"prompt\": \"go\",\n  \"response\": 42}]");

        assertThatThrownBy(() -> ConversationFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2:15: [0].response: expected a string, got 42");
    }

    @Test
    void aLongConversationIsNotHeldToTheLimitOfDefinitionFiles() {
        String output = "line of output\n".repeat(150_000); // 2.2 MB: more than a definition file may have
        Path file = temp.resolve("long.json");
        ConversationFile.write(
                file,
                null,
                null,
                List.of(
                        Message.user("go"),
                        new Message(Role.ASSISTANT, List.of(new Part.ToolCall("t1", "run_command", null))),
                        new Message(Role.USER, List.of(new Part.ToolResult("t1", output, false)))),
                new SecretRedactor());

        assertThat(ConversationFile.read(file).messages()).hasSize(3);
    }
}
