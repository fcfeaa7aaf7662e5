package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.testkit.FakeGeminiServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenRequest;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code marble loop} on a Gemini model, end to end: the CLI, the agent, a real shell tool, and the gemini
 * provider talking to a fake that checks every request as strictly as the real API (a function response that
 * does not answer the call before it, or a field the API does not know, would be a 400 and fail the run).
 */
class GeminiLoopTest {

    private static final String KEY = "AIza-loop-test-key-00000000000";

    @TempDir
    Path temp;

    @Test
    void aLoopRunsAToolOnGeminiAndFinishes() throws IOException {
        CliRunner cli = new CliRunner(temp).env("PATH", "/usr/bin:/bin");
        try (FakeGeminiServer gemini = FakeGeminiServer.start().requireApiKey(KEY)) {
            cli.env("GEMINI_BASE_URL", gemini.baseUrl()).env("GEMINI_API_KEY", KEY);
            gemini.enqueue(
                    FakeReply.text("I will write it.")
                            .withToolCall("run_command", "{\"command\":\"echo made-by-gemini > out.txt\"}")
                            .withThinking("A shell command will do.", "sig-loop-1"),
                    FakeReply.text("The file is written. TASK_COMPLETE"));

            var result = cli.run(
                    "loop",
                    "--headless",
                    "--approve-all",
                    "--sandbox",
                    "off",
                    "-m",
                    "gemini-2.5-flash",
                    "Write out.txt");

            assertThat(result.exit()).as(result.err()).isZero();
            assertThat(cli.project().resolve("out.txt")).content().isEqualToIgnoringNewLines("made-by-gemini");
            assertThat(gemini.requestCount()).isEqualTo(2);
            SeenRequest second = gemini.lastRequest();
            assertThat(second.path()).startsWith("/v1beta/models/gemini-2.5-flash:");
            assertThat(second.toolNames()).contains("run_command");
            var call = second.messages().stream()
                    .flatMap(m -> m.toolCalls().stream())
                    .findFirst()
                    .orElseThrow();
            var answer = second.messages().stream()
                    .flatMap(m -> m.toolResults().stream())
                    .findFirst()
                    .orElseThrow();
            assertThat(answer.toolCallId()).isEqualTo(call.id());
            assertThat(second.body().toString()).contains("\"thoughtSignature\":\"sig-loop-1\"");
        }
    }

    @Test
    void marbleModelsListsGeminiAndWhyItIsUsable() throws IOException {
        CliRunner cli = new CliRunner(temp).env("GEMINI_API_KEY", KEY);
        var result = cli.run("models");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out())
                .containsPattern("gemini +gemini +yes +https://generativelanguage.googleapis.com/v1beta; GEMINI_API_KEY"
                        + " is set; default model gemini-2.5-flash")
                .doesNotContain(KEY);
        var without = new CliRunner(temp.resolve("other")).run("models", "--json");
        assertThat(without.out()).contains("\"gemini\"");
    }

    @Test
    void anLlmprocProgramOnGeminiSpawnsItsLinkedProgram() throws IOException {
        CliRunner cli = new CliRunner(temp).env("PATH", "/usr/bin:/bin");
        cli.write("main.toml", """
                [model]
                name = "gemini-2.5-flash"
                provider = "gemini"

                [prompt]
                system_prompt = "You answer, asking the expert."

                [parameters]
                max_tokens = 500
                temperature = 0.2
                top_k = 40

                [tools]
                enabled = ["spawn"]

                [linked_programs]
                expert = { path = "expert.toml", description = "knows the notes" }
                """);
        cli.write("expert.toml", """
                [model]
                name = "gemini-2.5-pro"
                provider = "gemini"

                [prompt]
                system_prompt = "You know the notes."
                """);
        try (FakeGeminiServer gemini = FakeGeminiServer.start().requireApiKey(KEY)) {
            cli.env("GEMINI_BASE_URL", gemini.baseUrl()).env("GOOGLE_API_KEY", KEY);
            gemini.respondWith(request -> {
                if ("You know the notes.".equals(request.system())) return FakeReply.text("the flag is FLAG-9");
                boolean answered = request.messages().stream()
                        .anyMatch(m -> !m.toolResults().isEmpty());
                return answered
                        ? FakeReply.text("The expert says: the flag is FLAG-9")
                        : FakeReply.toolCall("spawn", "{\"program_name\": \"expert\", \"query\": \"The flag?\"}");
            });

            var result = cli.run("run", "--entry", "main", "main.toml", "What", "is", "the", "flag?");

            assertThat(result.exit()).as(result.err()).isZero();
            assertThat(result.out()).isEqualTo("The expert says: the flag is FLAG-9\n");
            var requests = gemini.requests();
            assertThat(requests).hasSize(3);
            assertThat(requests.get(0).path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
            var config = requests.get(0).body().path("generationConfig");
            assertThat(config.path("maxOutputTokens").asInt()).isEqualTo(500);
            assertThat(config.path("top_k").asInt()).isEqualTo(40);
            assertThat(requests.get(0).toolNames()).containsExactly("spawn");
            assertThat(requests.get(1).path()).isEqualTo("/v1beta/models/gemini-2.5-pro:generateContent");
            assertThat(requests.get(2).messages().stream().flatMap(m -> m.toolResults().stream()))
                    .singleElement()
                    .satisfies(r -> assertThat(r.content()).contains("FLAG-9"));
        }
    }
}
