package dev.marble.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.Marble;
import dev.marble.config.Environment;
import dev.marble.event.Event;
import dev.marble.event.EventSink;
import dev.marble.model.ChatOptions;
import dev.marble.model.ModelRef;
import dev.marble.testkit.FakeOpenAiServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenRequest;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.approval.ApprovalGate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent run asks for a stream only while some event sink shows text as it is written, over real HTTP to the
 * fake OpenAI server: a headless run gets whole answers, a terminal or --json gets deltas.
 */
class AgentStreamingTest {

    @TempDir
    Path temp;

    @Test
    void aRunThatNobodyWatchesAsksForWholeAnswers() {
        List<Event> seen = Collections.synchronizedList(new ArrayList<>());
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.enqueue(FakeReply.text("all done"));
            AgentResult result = run(server, seen::add);

            assertThat(result.answer()).isEqualTo("all done");
            assertThat(server.requests())
                    .singleElement()
                    .extracting(SeenRequest::stream)
                    .isEqualTo(false);
            assertThat(seen)
                    .noneMatch(Event.TextDelta.class::isInstance)
                    .anyMatch(Event.ModelCallFinished.class::isInstance);
        }
    }

    @Test
    void aSinkThatShowsTextMakesTheRunStream() {
        List<Event> seen = Collections.synchronizedList(new ArrayList<>());
        EventSink terminal = new EventSink() {
            @Override
            public void accept(Event event) {
                seen.add(event);
            }

            @Override
            public boolean wantsTextDeltas() {
                return true;
            }
        };
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.enqueue(FakeReply.text("all done, streamed"));
            AgentResult result = run(server, terminal);

            assertThat(result.answer()).isEqualTo("all done, streamed");
            assertThat(server.requests())
                    .singleElement()
                    .extracting(SeenRequest::stream)
                    .isEqualTo(true);
            String streamed = seen.stream()
                    .filter(Event.TextDelta.class::isInstance)
                    .map(e -> ((Event.TextDelta) e).text())
                    .reduce("", String::concat);
            assertThat(streamed).isEqualTo("all done, streamed");
        }
    }

    private AgentResult run(FakeOpenAiServer server, EventSink sink) {
        Environment environment = new Environment(
                Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-test-streaming-0123"), temp, temp);
        try (Marble marble = Marble.start(environment, warning -> {})) {
            marble.events().subscribe(sink);
            AgentSpec spec = new AgentSpec(
                    "t",
                    new ModelRef("openai", "gpt-4.1-mini"),
                    List.of(),
                    "Be brief.",
                    ChatOptions.DEFAULTS,
                    RunLimits.DEFAULTS);
            return marble.agentRun(
                            spec,
                            ToolRegistry.of(List.of()),
                            ApprovalGate.allowingEverything(),
                            RunControl.HEADLESS,
                            temp,
                            "test")
                    .run(List.of(), "Finish.");
        }
    }
}
