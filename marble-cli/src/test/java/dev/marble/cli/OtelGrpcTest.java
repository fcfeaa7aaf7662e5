package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code OTEL_EXPORTER_OTLP_PROTOCOL=grpc} is wired: the exporter opens an HTTP/2 connection (gRPC's transport)
 * to the endpoint. Receiving the spans themselves would take an HTTP/2 server, which the JDK does not have; the
 * http/protobuf tests decode what is sent, and both protocols carry the same OTLP messages. A failed export is one
 * warning line and does not fail the run.
 */
class OtelGrpcTest {

    private static final String HTTP2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

    @TempDir
    Path temp;

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
