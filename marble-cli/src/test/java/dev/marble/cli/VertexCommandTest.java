package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeGoogleTokenServer;
import dev.marble.testkit.FakeReply;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LLMProc's Vertex programs, run as its users run them: settings in .env, the provider named in the program. */
class VertexCommandTest {

    private static final String PROGRAM = """
            [model]
            name = "claude-sonnet-4-5@20250929"
            provider = "anthropic_vertex"
            [prompt]
            system_prompt = "Be brief."
            """;

    @TempDir
    Path temp;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.write("vertex.toml", PROGRAM);
    }

    @Test
    void withoutAProjectOrCredentialsTheRunEndsWithFourAndOneLineNamingTheVariable() throws IOException {
        var noCredentials = cli.run("run", "vertex.toml", "hi");
        assertThat(noCredentials.exit()).as(noCredentials.err()).isEqualTo(ExitCode.NO_MODEL.code());
        assertThat(noCredentials.err())
                .contains("set GOOGLE_APPLICATION_CREDENTIALS")
                .doesNotContain("Exception");

        cli.write("adc.json", """
                {"type": "authorized_user", "client_id": "id.apps", "client_secret": "secret-0123456789",
                 "refresh_token": "1//refresh-0123456789"}""");
        cli.env("GOOGLE_APPLICATION_CREDENTIALS", "adc.json");
        var noProject = cli.run("run", "vertex.toml", "hi");
        assertThat(noProject.exit()).as(noProject.err()).isEqualTo(ExitCode.NO_MODEL.code());
        assertThat(noProject.err()).contains("set GOOGLE_CLOUD_PROJECT").doesNotContain("Exception");
        assertThat(noProject.err().strip().lines()).as(noProject.err()).hasSize(1);
    }

    @Test
    void aProgramNamingAnthropicVertexRunsWithItsSettingsFromDotEnv() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var keys = generator.generateKeyPair();
        String account = "runner@proj.iam.gserviceaccount.com";
        try (var google = FakeGoogleTokenServer.start().serviceAccount(account, keys.getPublic());
                var vertex = FakeAnthropicServer.vertex("llmproc-proj", "europe-west1", google::isCurrent)) {
            cli.write("keys/sa.json", google.serviceAccountJson(account, keys.getPrivate(), "llmproc-proj"));
            cli.write(".env", """
                    GOOGLE_APPLICATION_CREDENTIALS=keys/sa.json
                    GOOGLE_CLOUD_PROJECT=llmproc-proj
                    GOOGLE_CLOUD_LOCATION=europe-west1
                    ANTHROPIC_VERTEX_BASE_URL=%s
                    """.formatted(vertex.baseUrl()));
            vertex.enqueue(FakeReply.text("Brief answer."));

            var result = cli.run("run", "vertex.toml", "hi");

            assertThat(result.exit()).as(result.err()).isZero();
            assertThat(result.out()).contains("Brief answer.");
            assertThat(vertex.lastRequest().path()).contains("/models/claude-sonnet-4-5@20250929:");
            assertThat(result.out() + result.err()).doesNotContain(google.accessToken(1));
        }
    }

    @Test
    void aProgramsOwnProjectAndRegionWinOverTheOnesInDotEnv() throws Exception {
        try (var google = FakeGoogleTokenServer.start()
                        .authorizedUser("id.apps", "secret-0123456789", "1//refresh-0123456789");
                var vertex = FakeAnthropicServer.vertex("program-proj", "asia-southeast1", google::isCurrent)) {
            cli.write("adc.json", google.authorizedUserJson("id.apps", "secret-0123456789", "1//refresh-0123456789"));
            cli.write("own.toml", PROGRAM.replace("provider = \"anthropic_vertex\"", """
                    provider = "vertex"
                    [parameters]
                    project_id = "program-proj"
                    region = "asia-southeast1"
                    """));
            cli.write(".env", """
                    GOOGLE_APPLICATION_CREDENTIALS=adc.json
                    GOOGLE_CLOUD_PROJECT=environment-proj
                    GOOGLE_CLOUD_LOCATION=europe-west1
                    ANTHROPIC_VERTEX_BASE_URL=%s
                    """.formatted(vertex.baseUrl()));
            vertex.enqueue(FakeReply.text("From the program's project."));

            var result = cli.run("run", "own.toml", "hi");

            assertThat(result.exit()).as(result.err()).isZero();
            assertThat(result.out()).contains("From the program's project.");
            assertThat(result.err()).doesNotContain("project_id");
            assertThat(vertex.lastRequest().path())
                    .startsWith("/v1/projects/program-proj/locations/asia-southeast1/publishers/anthropic/models/");
            assertThat(vertex.lastRequest().body().has("project_id")).isFalse();
            assertThat(vertex.lastRequest().body().has("region")).isFalse();
        }
    }
}
