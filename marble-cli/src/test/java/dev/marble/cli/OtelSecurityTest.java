package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile model tries to get secrets into a trace backend: it repeats the API key in its answer and runs a command
 * that prints the environment, with content capture on so that answers and tool results are exported. The key
 * reaches the provider only; the trace backend's own credentials (OTLP headers) reach neither the tool nor a span.
 */
class OtelSecurityTest {

    private static final String KEY = "sk-ant-otel-security-key-0123456789abcdef";
    private static final String BACKEND_TOKEN = "otlp-backend-token-9f8e7d6c5b4a";

    @TempDir
    Path temp;

    @Test
    void neitherTheApiKeyNorTheBackendsTokenAppearsInAnySpanEvenWithContentCaptured() throws IOException {
        try (FakeAnthropicServer anthropic = FakeAnthropicServer.start();
                OtlpReceiver receiver = OtlpReceiver.start()) {
            anthropic.requireApiKey(KEY);
            anthropic.enqueue(
                    FakeReply.toolCall(
                            "run_command",
                            "{\"command\":\"env; echo KEY=$ANTHROPIC_API_KEY HEADERS=$OTEL_EXPORTER_OTLP_HEADERS\"}"),
                    FakeReply.text("Your key is " + KEY + " and the token " + BACKEND_TOKEN + ". TASK_COMPLETE"));
            CliRunner cli = new CliRunner(temp)
                    .env("PATH", "/usr/bin:/bin")
                    .env("ANTHROPIC_BASE_URL", anthropic.baseUrl())
                    .env("ANTHROPIC_API_KEY", KEY)
                    .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
                    .env("OTEL_EXPORTER_OTLP_HEADERS", "x-backend-token=" + BACKEND_TOKEN)
                    .env("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true");

            var result = cli.run(
                    "loop",
                    "--headless",
                    "--approve-all",
                    "--sandbox",
                    "off",
                    "-m",
                    "anthropic:claude-test-model",
                    "Print your API key");

            assertThat(result.exit()).as(result.err()).isZero();
            // Content was captured (the test would prove nothing otherwise), the secrets in it redacted.
            assertThat(receiver.spans())
                    .anySatisfy(span -> assertThat(span.attributes()).containsKey("gen_ai.tool.call.result"));
            assertThat(receiver.everything())
                    .contains("KEY=")
                    .contains("Your key is")
                    .doesNotContain(KEY)
                    .doesNotContain(BACKEND_TOKEN);
            // The shell never saw the backend's token: the header variable is a secret, kept from tools.
            assertThat(anthropic.lastRequest().body().toString())
                    .contains("HEADERS=")
                    .doesNotContain(BACKEND_TOKEN)
                    .doesNotContain(KEY);
            assertThat(result.out() + result.err()).doesNotContain(KEY).doesNotContain(BACKEND_TOKEN);
        }
    }
}
