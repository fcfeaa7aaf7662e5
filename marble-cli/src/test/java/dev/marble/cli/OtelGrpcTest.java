package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import io.grpc.Metadata;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code OTEL_EXPORTER_OTLP_PROTOCOL=grpc}: a loop with a tool call, exported over gRPC to a real OTLP/gRPC receiver
 * on loopback (grpc-java's Netty server, test scope), arrives as the same span tree and metrics as over
 * http/protobuf, with the configured headers as gRPC metadata; and a collector that does not speak gRPC costs one
 * warning line, not the run.
 */
class OtelGrpcTest {

    private static final String HTTP2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

    @TempDir
    Path temp;

    @Test
    void aLoopsSpanTreeAndMetricsArriveOverGrpc() throws Exception {
        try (FakeAnthropicServer anthropic = FakeAnthropicServer.start();
                OtlpReceiver receiver = OtlpReceiver.startGrpc()) {
            anthropic.enqueue(
                    FakeReply.toolCall("run_command", "{\"command\":\"" + OtelTraceTest.COMMAND + "\"}"),
                    FakeReply.text(OtelTraceTest.ANSWER));
            CliRunner cli = new CliRunner(temp)
                    .env("PATH", "/usr/bin:/bin")
                    .env("ANTHROPIC_BASE_URL", anthropic.baseUrl())
                    .env("ANTHROPIC_API_KEY", "sk-ant-otel-grpc-0123456789")
                    .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
                    .env("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
                    .env("OTEL_EXPORTER_OTLP_HEADERS", "x-collector-tenant=nightly-builds")
                    .env("OTEL_SERVICE_NAME", "marble-over-grpc");

            var result = cli.run(
                    "loop",
                    "--headless",
                    "--approve-all",
                    "--sandbox",
                    "off",
                    "-m",
                    "anthropic:claude-test-model",
                    OtelTraceTest.GOAL);

            assertThat(result.exit()).as(result.err()).isZero();
            assertThat(result.err()).doesNotContain("OpenTelemetry");
            List<OtlpReceiver.ReceivedSpan> spans = receiver.spans();
            OtlpReceiver.ReceivedSpan agent = spans.stream()
                    .filter(span -> span.name().startsWith("invoke_agent "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no invoke_agent span in " + spans));
            assertThat(agent.parentSpanId()).isEmpty();
            assertThat(agent.attribute("marble.run.ending")).isEqualTo("completed");
            assertThat(receiver.children(agent))
                    .extracting(OtlpReceiver.ReceivedSpan::name)
                    .containsExactlyInAnyOrder(
                            "chat claude-test-model", "execute_tool run_command", "chat claude-test-model");
            assertThat(spans).allSatisfy(span -> assertThat(span.traceId()).isEqualTo(agent.traceId()));
            OtlpReceiver.ReceivedSpan chat =
                    receiver.span("chat claude-test-model").orElseThrow();
            assertThat(chat.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
            assertThat(chat.attribute("gen_ai.provider.name")).isEqualTo("anthropic");
            assertThat((Long) chat.attribute("gen_ai.usage.input_tokens")).isPositive();
            assertThat(receiver.resource()).containsEntry("service.name", "marble-over-grpc");
            assertThat(receiver.metrics())
                    .extracting(Metric::getName)
                    .contains("gen_ai.client.token.usage", "gen_ai.client.operation.duration");
            // gRPC itself: the requests came as application/grpc, with the configured header as metadata.
            assertThat(receiver.grpcHeaders()).isNotEmpty().allSatisfy(headers -> {
                assertThat(headers.get(Metadata.Key.of("content-type", Metadata.ASCII_STRING_MARSHALLER)))
                        .startsWith("application/grpc");
                assertThat(headers.get(Metadata.Key.of("x-collector-tenant", Metadata.ASCII_STRING_MARSHALLER)))
                        .isEqualTo("nightly-builds");
            });
            // No content unless asked for, over gRPC as over HTTP.
            assertThat(receiver.everything())
                    .doesNotContain(OtelTraceTest.GOAL)
                    .doesNotContain(OtelTraceTest.COMMAND)
                    .doesNotContain("three files");
        }
    }

    @Test
    void grpcExportOpensAnHttp2ConnectionAndAFailedExportIsOneWarningLine() throws Exception {
        try (FakeAnthropicServer anthropic = FakeAnthropicServer.start();
                ServerSocket collector = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> preface = CompletableFuture.supplyAsync(() -> firstBytes(collector));
            anthropic.enqueue(FakeReply.text("hello"));
            CliRunner cli = new CliRunner(temp)
                    .env("ANTHROPIC_BASE_URL", anthropic.baseUrl())
                    .env("ANTHROPIC_API_KEY", "sk-ant-otel-grpc-0123456789")
                    .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getLocalPort())
                    .env("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
                    .env("OTEL_EXPORTER_OTLP_TIMEOUT", "2000");

            var result = cli.run("pipe", "-m", "anthropic:claude-test-model", "Say hello");

            assertThat(result.exit()).as(result.err()).isZero();
            assertThat(result.out()).contains("hello");
            assertThat(preface.get(30, TimeUnit.SECONDS)).isEqualTo(HTTP2_PREFACE);
            assertThat(result.err()).doesNotContain("\tat ").doesNotContain("could not be set up");
        }
    }

    private static String firstBytes(ServerSocket collector) {
        try (Socket socket = collector.accept()) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(HTTP2_PREFACE.length()), StandardCharsets.ISO_8859_1);
        } catch (IOException failure) {
            return failure.toString();
        }
    }
}
