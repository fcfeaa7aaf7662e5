package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.cli.OtlpReceiver.ReceivedSpan;
import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code marble loop} and {@code marble chain start} on the fake Anthropic server, exporting to a real OTLP/HTTP
 * receiver on loopback: the span tree after the GenAI conventions, its attributes and metrics, and no content.
 */
class OtelTraceTest {

    static final String GOAL = "Count the files in the workspace";
    static final String ANSWER = "There are three files. TASK_COMPLETE";
    static final String COMMAND = "echo counted-by-the-tool";

    @TempDir
    Path temp;

    CliRunner cli;
    FakeAnthropicServer anthropic;
    OtlpReceiver receiver;

    @BeforeEach
    void start() throws IOException {
        anthropic = FakeAnthropicServer.start();
        receiver = OtlpReceiver.start();
        cli = new CliRunner(temp)
                .env("PATH", "/usr/bin:/bin")
                .env("ANTHROPIC_BASE_URL", anthropic.baseUrl())
                .env("ANTHROPIC_API_KEY", "sk-ant-otel-test-key-0123456789abcdef")
                .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
                .env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .env("OTEL_SERVICE_NAME", "marble-under-test")
                .env("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=test");
    }

    @AfterEach
    void stop() {
        anthropic.close();
        receiver.close();
    }

    CliRunner.Result loopWithATool() {
        anthropic.enqueue(
                FakeReply.toolCall("run_command", "{\"command\":\"" + COMMAND + "\"}"), FakeReply.text(ANSWER));
        return cli.run(
                "loop", "--headless", "--approve-all", "--sandbox", "off", "-m", "anthropic:claude-test-model", GOAL);
    }

    @Test
    void aLoopWithAToolIsOneTraceOfAnAgentSpanOverItsModelCallsAndToolCall() {
        var result = loopWithATool();
        assertThat(result.exit()).as(result.err()).isZero();

        List<ReceivedSpan> spans = receiver.spans();
        ReceivedSpan agent = spans.stream()
                .filter(span -> span.name().startsWith("invoke_agent "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no invoke_agent span in " + spans));
        assertThat(agent.parentSpanId()).as("a top-level run starts a trace").isEmpty();
        assertThat(agent.kind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
        assertThat(agent.attribute("gen_ai.operation.name")).isEqualTo("invoke_agent");
        assertThat(agent.attribute("gen_ai.provider.name")).isEqualTo("anthropic");
        assertThat(agent.attribute("gen_ai.request.model")).isEqualTo("claude-test-model");
        assertThat(agent.attribute("gen_ai.agent.name")).isNotNull();
        assertThat(agent.name()).isEqualTo("invoke_agent " + agent.attribute("gen_ai.agent.name"));
        assertThat(agent.attribute("gen_ai.conversation.id")).isEqualTo(agent.attribute("marble.run.id"));
        assertThat(agent.attribute("marble.run.ending")).isEqualTo("completed");
        assertThat(agent.attribute("marble.turns")).isEqualTo(2L);
        assertThat(spans).allSatisfy(span -> assertThat(span.traceId()).isEqualTo(agent.traceId()));

        List<ReceivedSpan> children = receiver.children(agent);
        assertThat(children)
                .extracting(ReceivedSpan::name)
                .containsExactlyInAnyOrder(
                        "chat claude-test-model", "execute_tool run_command", "chat claude-test-model");
        ReceivedSpan firstChat = children.stream()
                .filter(span -> span.name().startsWith("chat"))
                .filter(span -> List.of("tool_use").equals(span.attribute("gen_ai.response.finish_reasons")))
                .findFirst()
                .orElseThrow();
        URI server = URI.create(anthropic.baseUrl());
        assertThat(firstChat.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
        assertThat(firstChat.attribute("gen_ai.operation.name")).isEqualTo("chat");
        assertThat(firstChat.attribute("gen_ai.provider.name")).isEqualTo("anthropic");
        assertThat(firstChat.attribute("gen_ai.request.model")).isEqualTo("claude-test-model");
        assertThat(firstChat.attribute("gen_ai.response.model")).isNotNull();
        assertThat((String) firstChat.attribute("gen_ai.response.id")).isNotBlank();
        assertThat((Long) firstChat.attribute("gen_ai.usage.input_tokens")).isPositive();
        assertThat((Long) firstChat.attribute("gen_ai.usage.output_tokens")).isPositive();
        assertThat(firstChat.attributes())
                .containsKeys("gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_creation.input_tokens")
                .doesNotContainKey("gen_ai.usage.cache_write.input_tokens");
        assertThat(firstChat.attribute("server.address")).isEqualTo(server.getHost());
        assertThat(firstChat.attribute("server.port")).isEqualTo((long) server.getPort());
        assertThat(firstChat.attribute("marble.retries")).isEqualTo(0L);
        assertThat(firstChat.attribute("gen_ai.conversation.id")).isEqualTo(agent.attribute("marble.run.id"));

        ReceivedSpan tool = receiver.span("execute_tool run_command").orElseThrow();
        assertThat(tool.kind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
        assertThat(tool.attribute("gen_ai.operation.name")).isEqualTo("execute_tool");
        assertThat(tool.attribute("gen_ai.tool.name")).isEqualTo("run_command");
        assertThat((String) tool.attribute("gen_ai.tool.call.id")).isNotBlank();
        assertThat(tool.attribute("marble.approval.decision")).isEqualTo("allowed");

        assertThat(receiver.resource())
                .containsEntry("service.name", "marble-under-test")
                .containsEntry("deployment.environment.name", "test");

        // No content unless asked for.
        String everything = receiver.everything();
        assertThat(everything)
                .doesNotContain(GOAL)
                .doesNotContain("three files")
                .doesNotContain(COMMAND)
                .doesNotContain("counted-by-the-tool");
        assertThat(spans)
                .allSatisfy(span -> assertThat(span.attributes())
                        .doesNotContainKeys(
                                "gen_ai.input.messages",
                                "gen_ai.output.messages",
                                "gen_ai.system_instructions",
                                "gen_ai.tool.call.arguments",
                                "gen_ai.tool.call.result"));
    }

    @Test
    void tokenUsageAndOperationDurationAreRecordedAsTheConventionsName() {
        assertThat(loopWithATool().exit()).isZero();

        Metric usage = metric("gen_ai.client.token.usage");
        assertThat(usage.getUnit()).isEqualTo("{token}");
        Set<Object> tokenTypes = usage.getHistogram().getDataPointsList().stream()
                .map(point -> OtlpReceiver.attributes(point.getAttributesList()).get("gen_ai.token.type"))
                .collect(Collectors.toSet());
        assertThat(tokenTypes).containsExactlyInAnyOrder("input", "output");
        HistogramDataPoint input = usage.getHistogram().getDataPointsList().stream()
                .filter(point -> "input"
                        .equals(OtlpReceiver.attributes(point.getAttributesList())
                                .get("gen_ai.token.type")))
                .findFirst()
                .orElseThrow();
        assertThat(input.getCount()).isEqualTo(2);
        assertThat(OtlpReceiver.attributes(input.getAttributesList()))
                .containsEntry("gen_ai.operation.name", "chat")
                .containsEntry("gen_ai.provider.name", "anthropic")
                .containsEntry("gen_ai.request.model", "claude-test-model")
                .containsKey("server.address");

        Metric duration = metric("gen_ai.client.operation.duration");
        assertThat(duration.getUnit()).isEqualTo("s");
        assertThat(duration.getHistogram().getDataPointsList())
                .extracting(HistogramDataPoint::getCount)
                .containsExactly(2L);
    }

    @Test
    void contentIsCapturedOnlyWhenAskedForAndThenRedacted() {
        cli.env("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true");
        assertThat(loopWithATool().exit()).isZero();

        ReceivedSpan chat = receiver.spans().stream()
                .filter(span -> span.name().startsWith("chat"))
                .filter(span -> List.of("end_turn").equals(span.attribute("gen_ai.response.finish_reasons")))
                .findFirst()
                .orElseThrow();
        assertThat((String) chat.attribute("gen_ai.input.messages"))
                .contains(GOAL)
                .contains("\"type\":\"tool_call\"")
                .contains("counted-by-the-tool");
        assertThat((String) chat.attribute("gen_ai.output.messages")).contains("three files");
        ReceivedSpan tool = receiver.span("execute_tool run_command").orElseThrow();
        assertThat((String) tool.attribute("gen_ai.tool.call.arguments")).contains(COMMAND);
        assertThat((String) tool.attribute("gen_ai.tool.call.result")).contains("counted-by-the-tool");
    }

    @Test
    void marbleJsonCanAskForContentAndTheVariableOverridesIt() throws IOException {
        cli.write("marble.json", "{\"telemetry\": {\"capture_content\": true}}");
        assertThat(loopWithATool().exit()).isZero();
        assertThat(receiver.span("execute_tool run_command").orElseThrow().attributes())
                .containsKey("gen_ai.tool.call.arguments");

        try (OtlpReceiver second = OtlpReceiver.start()) {
            cli.env("OTEL_EXPORTER_OTLP_ENDPOINT", second.endpoint())
                    .env("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "false");
            assertThat(loopWithATool().exit()).isZero();
            assertThat(second.span("execute_tool run_command").orElseThrow().attributes())
                    .doesNotContainKey("gen_ai.tool.call.arguments");
            assertThat(second.everything()).doesNotContain(COMMAND);
        }
    }

    @Test
    void aChainIsOneTraceOfWorkflowRoundsLinksAndTheirAgentRuns() throws IOException {
        cli.write("chains/c.json", """
                {"description": "two marble links", "max_rounds": 2,
                 "links": [{"name": "worker", "model": "anthropic:claude-test-model", "prompt": "work {ROUND}"},
                           {"name": "reviewer", "role": "reviewer", "model": "anthropic:claude-test-model",
                            "prompt": "review {ROUND}"}]}
                """);
        anthropic.enqueue(
                FakeReply.toolCall("run_command", "{\"command\":\"" + COMMAND + "\"}"),
                FakeReply.text("worked 1"),
                FakeReply.text("reviewed 1"),
                FakeReply.text("worked 2"),
                FakeReply.text("reviewed 2"));
        var result = cli.run("chain", "start", "c");
        assertThat(result.exit()).as(result.out() + result.err()).isZero();

        List<ReceivedSpan> spans = receiver.spans();
        ReceivedSpan workflow = receiver.span("invoke_workflow c").orElseThrow(() -> new AssertionError(spans));
        assertThat(workflow.parentSpanId()).isEmpty();
        assertThat(workflow.kind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
        assertThat(workflow.attribute("gen_ai.operation.name")).isEqualTo("invoke_workflow");
        assertThat(workflow.attribute("gen_ai.workflow.name")).isEqualTo("c");
        assertThat(spans).allSatisfy(span -> assertThat(span.traceId()).isEqualTo(workflow.traceId()));

        List<ReceivedSpan> rounds = receiver.children(workflow);
        assertThat(rounds).extracting(ReceivedSpan::name).containsExactlyInAnyOrder("round 1 c", "round 2 c");
        for (ReceivedSpan round : rounds) {
            assertThat(round.attribute("marble.chain.round")).isIn(1L, 2L);
            List<ReceivedSpan> links = receiver.children(round);
            assertThat(links).extracting(ReceivedSpan::name).containsExactlyInAnyOrder("link worker", "link reviewer");
            for (ReceivedSpan link : links) {
                assertThat(link.attribute("marble.chain.link.outcome")).isEqualTo("ok");
                assertThat(link.attribute("marble.chain.round")).isEqualTo(round.attribute("marble.chain.round"));
                List<ReceivedSpan> agents = receiver.children(link);
                assertThat(agents).hasSize(1);
                ReceivedSpan agent = agents.getFirst();
                assertThat(agent.name()).startsWith("invoke_agent ");
                assertThat(agent.attribute("marble.run.id")).isEqualTo(link.attribute("marble.chain.link.run_id"));
                assertThat(receiver.children(agent))
                        .extracting(ReceivedSpan::name)
                        .contains("chat claude-test-model");
            }
        }
        assertThat(spans)
                .filteredOn(span -> span.name().equals("execute_tool run_command"))
                .hasSize(1);
        assertThat(receiver.everything()).doesNotContain("work 1").doesNotContain("worked 1");
    }

    @Test
    void withGenAiLatestExperimentalTheLatestConventionsAndNotTheOldOnes() {
        cli.env("OTEL_SEMCONV_STABILITY_OPT_IN", "http, gen_ai_latest_experimental")
                .env("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true");
        assertThat(loopWithATool().exit()).isZero();

        List<ReceivedSpan> spans = receiver.spans();
        ReceivedSpan agent = spans.stream()
                .filter(span -> span.name().startsWith("invoke_agent "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no invoke_agent span in " + spans));
        // The internal agent span: no provider and no cache break-down; its tokens stay.
        assertThat(agent.attributes())
                .doesNotContainKeys(
                        "gen_ai.provider.name",
                        "gen_ai.usage.cache_read.input_tokens",
                        "gen_ai.usage.cache_creation.input_tokens")
                .containsKeys("gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens");
        List<ReceivedSpan> chats =
                spans.stream().filter(span -> span.name().startsWith("chat ")).toList();
        assertThat(chats).hasSize(2).allSatisfy(chat -> {
            assertThat(chat.attribute("gen_ai.provider.name")).isEqualTo("anthropic");
            assertThat(chat.attributes())
                    .containsKeys("gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_write.input_tokens")
                    .doesNotContainKey("gen_ai.usage.cache_creation.input_tokens");
            // The finish reason lives in gen_ai.response.finish_reasons, no longer in the output message.
            assertThat((String) chat.attribute("gen_ai.output.messages")).doesNotContain("finish_reason");
        });

        Set<String> names = receiver.metrics().stream().map(Metric::getName).collect(Collectors.toSet());
        assertThat(names)
                .contains(
                        "gen_ai.client.inference.duration",
                        "gen_ai.client.inference.usage.input_tokens",
                        "gen_ai.client.inference.usage.output_tokens",
                        "gen_ai.client.inference.usage.cache_read.input_tokens",
                        "gen_ai.client.inference.usage.cache_write.input_tokens")
                .doesNotContain("gen_ai.client.token.usage", "gen_ai.client.operation.duration");
        long inputCounted = metric("gen_ai.client.inference.usage.input_tokens").getSum().getDataPointsList().stream()
                .mapToLong(point -> point.getAsInt())
                .sum();
        long inputOnSpans = chats.stream()
                .mapToLong(chat -> (Long) chat.attribute("gen_ai.usage.input_tokens"))
                .sum();
        assertThat(inputCounted).isPositive().isEqualTo(inputOnSpans);
        assertThat(metric("gen_ai.client.inference.duration").getHistogram().getDataPointsList())
                .extracting(HistogramDataPoint::getCount)
                .containsExactly(2L);
    }

    @Test
    void withGenAiLatestExperimentalAWorkflowIsNamedAsAnAgent() throws IOException {
        cli.env("OTEL_SEMCONV_STABILITY_OPT_IN", "gen_ai_latest_experimental");
        cli.write("chains/c.json", """
                {"max_rounds": 1, "links": [{"name": "worker", "model": "anthropic:claude-test-model",
                  "prompt": "work {ROUND}"}]}
                """);
        anthropic.enqueue(FakeReply.text("worked 1"));
        var result = cli.run("chain", "start", "c");
        assertThat(result.exit()).as(result.out() + result.err()).isZero();

        ReceivedSpan workflow =
                receiver.span("invoke_workflow c").orElseThrow(() -> new AssertionError(receiver.spans()));
        assertThat(workflow.attribute("gen_ai.operation.name")).isEqualTo("invoke_workflow");
        assertThat(workflow.attribute("gen_ai.agent.name")).isEqualTo("c");
        assertThat(workflow.attributes()).doesNotContainKey("gen_ai.workflow.name");
    }

    /** The latest export of {@code name}: metrics are cumulative, so it holds every call. */
    Metric metric(String name) {
        return receiver.metrics().stream()
                .filter(metric -> metric.getName().equals(name))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + receiver.metrics()));
    }
}
