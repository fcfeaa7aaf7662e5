package dev.marble.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.Marble;
import dev.marble.config.Environment;
import dev.marble.event.Event;
import dev.marble.model.ModelRef;
import dev.marble.testkit.FakeOpenAiServer;
import dev.marble.testkit.FakeReply;
import dev.marble.tool.ToolRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session with stop conditions of the caller's own, against the fake OpenAI-compatible server. */
class AgentSessionTest {

    @TempDir
    Path temp;

    @Test
    void aConditionOfTheCallersOwnEndsTheRunWithItsEndingAndDetail() {
        List<Event> events = Collections.synchronizedList(new ArrayList<>());
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            String call = "{\"city\":\"Oslo\"}";
            server.enqueue(
                    FakeReply.toolCall("get_weather", call),
                    FakeReply.toolCall("get_weather", call),
                    FakeReply.toolCall("get_weather", call),
                    FakeReply.text("never asked for"));
            Environment environment = new Environment(
                    Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-test-session-0123456789"),
                    temp,
                    temp);
            try (Marble marble = Marble.start(environment, warning -> {})) {
                marble.events().subscribe(events::add);
                AgentSpec spec = AgentSpec.of("asker", new ModelRef("openai", "gpt-test"), "Ask about the weather.");
                StopCondition twoTurns = state -> state.turns() >= 2
                        ? Optional.of(new StopCondition.Stop(RunEnding.COMPLETED, "two turns are enough"))
                        : Optional.empty();
                try (AgentSession session = AgentSession.builder(marble, spec)
                        .tools(ToolRegistry.of(List.of(RunFixture.toolset("weather", List.of(RunFixture.weather())))))
                        .stopWhen(state -> Optional.empty(), twoTurns)
                        .build()) {
                    AgentResult result = session.run("How is the weather?");

                    assertThat(result.ending()).isEqualTo(RunEnding.COMPLETED);
                    assertThat(result.detail()).isEqualTo("two turns are enough");
                    assertThat(result.turns()).isEqualTo(2);
                    assertThat(server.requests()).hasSize(2);
                }
            }
        }
        assertThat(events)
                .filteredOn(Event.RunFinished.class::isInstance)
                .singleElement()
                .extracting(e -> ((Event.RunFinished) e).detail())
                .isEqualTo("two turns are enough");
    }
}
