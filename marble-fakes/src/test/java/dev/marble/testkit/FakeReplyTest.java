package dev.marble.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeReplyTest {

    @Test
    void buildsAnswersImmutably() {
        FakeReply.Answer base = FakeReply.text("hi");
        FakeReply.Answer more =
                base.withToolCall("t", null).withDelay(Duration.ofMillis(5)).withStopReason("length");

        assertThat(base.toolCalls()).isEmpty();
        assertThat(base.usage()).isEqualTo(new FakeUsage(10, 5, 0, 0));
        assertThat(base.delay()).isZero();
        assertThat(base.stopReason()).isNull();
        assertThat(more.toolCalls()).containsExactly(new FakeToolCall(null, "t", "{}"));
        assertThat(more.text()).isEqualTo("hi");
        assertThat(more.stopReason()).isEqualTo("length");
        assertThat(FakeReply.toolCall("t", "{}").text()).isNull();
    }

    @Test
    void buildsErrorsAndFaults() {
        FakeReply.HttpError error =
                FakeReply.error(429, "rate_limit_error", "slow").withHeader("retry-after", "3");

        assertThat(error.headers()).containsExactly(Map.entry("retry-after", "3"));
        assertThat(FakeReply.fault(FaultKind.EMPTY_BODY).delay()).isZero();
        assertThatThrownBy(() -> FakeReply.error(99, "x", "y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FakeReply.fault(FaultKind.SLOW_BODY, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
