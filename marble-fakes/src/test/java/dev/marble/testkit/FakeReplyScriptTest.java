package dev.marble.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A reply script survives the trip through its file unchanged, and refuses what the file cannot carry. */
class FakeReplyScriptTest {

    @Test
    void repliesAndTheLastingReplyComeBackAsTheyWere() {
        FakeReplyScript script = FakeReplyScript.of(
                        FakeReply.text(null)
                                .withToolCall("toolu_1", "Write", "{\"file_path\":\"/x\",\"content\":\"a\\nb\"}")
                                .withToolCall("Read", "{\"file_path\":\"/y\"}"),
                        FakeReply.text("done").withUsage(7, 3, 2, 1),
                        FakeReply.error(529, "overloaded_error", "busy"))
                .thenAlways(FakeReply.error(500, "api_error", "down"));

        FakeReplyScript back = FakeReplyScript.parse(script.toJson());

        assertThat(back).isEqualTo(script);
        FakeReply.Answer first = (FakeReply.Answer) back.replies().getFirst();
        assertThat(first.text()).isNull();
        assertThat(first.toolCalls()).extracting(FakeToolCall::id).containsExactly("toolu_1", null);
    }

    @Test
    void theOldFormatAListOfRepliesStillReads() {
        FakeReplyScript script =
                FakeReplyScript.parse("[{\"text\": \"hi\"}, {\"error\": {\"status\": 400, \"message\": \"no\"}}]");
        assertThat(script.replies()).containsExactly(FakeReply.text("hi"), FakeReply.error(400, "api_error", "no"));
        assertThat(script.then()).isNull();
    }

    @Test
    void whatTheFileCannotCarryIsRefusedRatherThanDropped() {
        assertThatThrownBy(() -> FakeReplyScript.of(FakeReply.fault(FaultKind.RESET_BEFORE_RESPONSE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no faults");
        assertThatThrownBy(() -> FakeReplyScript.of(FakeReply.text("x").withDelay(Duration.ofSeconds(1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FakeReplyScript(
                        List.of(),
                        FakeReply.error(429, "rate_limit_error", "slow").withHeader("retry-after", "1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FakeReplyScript.parse("{\"replies\": 3}"))
                .hasMessageContaining("replies: expected a list");
    }
}
