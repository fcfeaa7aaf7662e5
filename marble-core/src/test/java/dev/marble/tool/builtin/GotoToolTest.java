package dev.marble.tool.builtin;

import static dev.marble.tool.TestContext.args;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.config.Environment;
import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.tool.TestContext;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** goto's positions and the conversation it hands back; a real run with it is in marble-cli's LaterProgramRunTest. */
class GotoToolTest {

    private final GotoTool tool = new GotoTool();

    /** The calling run's side: its conversation so far, and what goto rewound it to. */
    private static class Caller implements ToolContext {
        private final List<Message> conversation;
        private final List<List<Message>> rewound = new ArrayList<>();

        Caller(List<Message> conversation) {
            this.conversation = conversation;
        }

        public String runId() {
            return "run-test";
        }

        public String toolCallId() {
            return "call-1";
        }

        public Path workspace() {
            return Path.of("").toAbsolutePath();
        }

        public Environment environment() {
            return Environment.system();
        }

        public Duration remaining() {
            return Duration.ofSeconds(30);
        }

        @Override
        public List<Message> conversation() {
            return conversation;
        }

        @Override
        public boolean rewind(List<Message> replacement) {
            rewound.add(replacement);
            return true;
        }
    }

    private static final Message GOTO_CALL = new Message(
            Role.ASSISTANT, List.of(new Part.ToolCall("t2", "goto", args("position", "msg_2", "message", "m"))));

    /** user, assistant, tool results, user, assistant calling goto. */
    private static List<Message> conversation() {
        return List.of(
                Message.user("first question"),
                new Message(Role.ASSISTANT, List.of(new Part.ToolCall("t1", "calculator", args("expression", "1")))),
                new Message(Role.USER, List.of(new Part.ToolResult("t1", "1", false))),
                Message.user("second question"),
                GOTO_CALL);
    }

    @Test
    void goingBackCutsTheConversationBeforeThePositionAndReplacesItsMessage() {
        Caller caller = new Caller(conversation());

        ToolResult result = tool.call(args("position", "msg_3", "message", "Summary: 1 + 0 is 1."), caller);

        assertThat(result).isEqualTo(ToolResult.ok("Went back to msg_3; 2 messages removed."));
        List<Message> rewound = caller.rewound.getFirst();
        assertThat(rewound).hasSize(4).startsWith(conversation().subList(0, 3).toArray(Message[]::new));
        assertThat(rewound.getLast().role()).isEqualTo(Role.USER);
        assertThat(rewound.getLast().text())
                .isEqualTo(GotoTool.note("msg_3", 2)
                        + "\n<time_travel_message>\nSummary: 1 + 0 is 1.\n</time_travel_message>");
        assertThat(tool.needsMessageIds()).isTrue();
    }

    @Test
    void msgZeroStartsTheConversationOver() {
        Caller caller = new Caller(conversation());
        assertThat(tool.call(args("position", "msg_0", "message", "Start over."), caller)
                        .isError())
                .isFalse();
        assertThat(caller.rewound.getFirst()).hasSize(1);
    }

    @Test
    void positionsThatAreNoEarlierUserMessageAreErrorsAndChangeNothing() {
        Caller caller = new Caller(conversation());
        assertThat(tool.call(args("position", "3", "message", "m"), caller).content())
                .startsWith("position must look like msg_3");
        assertThat(tool.call(args("position", "msg_4", "message", "m"), caller).content())
                .isEqualTo("msg_4 is not an earlier message: the positions go from msg_0 to msg_3 before this call");
        assertThat(tool.call(args("position", "msg_99999999999", "message", "m"), caller)
                        .isError())
                .isTrue();
        assertThat(tool.call(args("position", "msg_1", "message", "m"), caller).content())
                .isEqualTo("msg_1 is not a user message; go back to a position shown as [msg_N]");
        assertThat(tool.call(args("position", "msg_2", "message", "m"), caller).content())
                .isEqualTo("msg_2 is not a user message; go back to a position shown as [msg_N]");
        assertThat(tool.call(args("position", "msg_0", "message", " "), caller).content())
                .isEqualTo("message is empty: say what comes next");
        assertThat(caller.rewound).isEmpty();
    }

    @Test
    void outsideARunThereIsNothingToRewind() {
        ToolContext none = new Caller(conversation()) {
            @Override
            public boolean rewind(List<Message> replacement) {
                return TestContext.of("r").rewind(replacement);
            }
        };
        assertThat(tool.call(args("position", "msg_0", "message", "m"), none))
                .isEqualTo(ToolResult.error("goto works only inside a run"));
    }
}
