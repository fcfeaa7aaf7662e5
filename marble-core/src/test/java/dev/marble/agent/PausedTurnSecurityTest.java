package dev.marble.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.model.ModelRef;
import dev.marble.provider.anthropic.AnthropicChatModel;
import dev.marble.provider.http.HttpTransport;
import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.FakeServerToolUse;
import dev.marble.tool.approval.ApprovalGate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile endpoint (or a provider gone wrong) that answers every continuation with another {@code pause_turn}
 * must not keep a run calling for ever: the continuations are capped, and the turn limit still applies to them.
 */
class PausedTurnSecurityTest {

    @TempDir
    Path temp;

    final FakeAnthropicServer server = FakeAnthropicServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private AgentResult run(RunLimits limits) {
        AnthropicChatModel model = new AnthropicChatModel(
                new ModelRef("anthropic", "claude-test"),
                server.baseUrl(),
                Map.of("x-api-key", "k"),
                HttpTransport.create(),
                Duration.ofSeconds(30));
        return new RunFixture(temp)
                .run(model, limits, ApprovalGate.allowingEverything(), RunControl.HEADLESS, List.of());
    }

    /** The i-th paused answer: each pauses on a new search, as a turn that never ends would. */
    private static FakeReply pause(int i) {
        return FakeReply.text("")
                .withServerTool(FakeServerToolUse.pending("srvtoolu_" + i, "web_search", "{\"query\":\"q" + i + "\"}"))
                .paused();
    }

    private void pauseForEver(int answers) {
        for (int i = 0; i < answers; i++) server.enqueue(pause(i));
    }

    @Test
    void aTurnThatPausesForEverEndsAfterTheCappedContinuations() {
        pauseForEver(50);

        AgentResult result = run(RunLimits.DEFAULTS.withMaxTurns(100));

        assertThat(result.ending()).isEqualTo(RunEnding.MODEL_FAILED);
        assertThat(result.detail()).contains("paused its turn 11 times in a row");
        assertThat(server.requests()).hasSize(TurnDecider.MAX_CONTINUATIONS + 1);
        // The last request carried every paused block back, in one assistant message after the one user message.
        var messages = server.lastRequest().body().path("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1).path("content")).hasSize(TurnDecider.MAX_CONTINUATIONS);
    }

    @Test
    void theTurnLimitCountsEveryContinuation() {
        pauseForEver(50);

        AgentResult result = run(RunLimits.DEFAULTS.withMaxTurns(3));

        assertThat(result.ending()).isEqualTo(RunEnding.MAX_TURNS);
        assertThat(server.requests()).hasSize(3);
    }
}
