package dev.marble.provider.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.marble.Marble;
import dev.marble.config.Environment;
import dev.marble.error.ModelException;
import dev.marble.format.program.Program;
import dev.marble.format.program.ProgramLoader;
import dev.marble.model.ChatRequest;
import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeGoogleTokenServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An LLMProc program's {@code project_id} and {@code region} name where its own model runs on Vertex AI, over the
 * environment's, and only for that program: a linked program that names none reaches the environment's project.
 */
class ProgramVertexLocationTest {

    private static final String MODEL = "claude-sonnet-4-5@20250929";

    @TempDir
    Path dir;

    @Test
    void aProgramsProjectAndRegionWinOverTheEnvironmentForItsModelOnly() throws Exception {
        try (var google = FakeGoogleTokenServer.start()
                        .authorizedUser("id.apps", "the-secret-0123", "1//refresh-0123456789");
                var vertex = FakeAnthropicServer.vertex("program-project", "europe-west1", google::isCurrent)) {
            Files.writeString(
                    dir.resolve("adc.json"),
                    google.authorizedUserJson("id.apps", "the-secret-0123", "1//refresh-0123456789"));
            Files.writeString(dir.resolve("main.toml"), """
                    [model]
                    name = "%s"
                    provider = "anthropic_vertex"
                    project_id = "program-project"
                    region = "europe-west1"
                    [linked_programs]
                    helper = "helper.toml"
                    """.formatted(MODEL));
            Files.writeString(dir.resolve("helper.toml"), """
                    [model]
                    name = "%s"
                    provider = "vertex"
                    """.formatted(MODEL));
            Program main = ProgramLoader.load(dir.resolve("main.toml")).program();
            Program helper = main.linkedPrograms().get("helper").program();
            var variables = Map.of(
                    "GOOGLE_APPLICATION_CREDENTIALS",
                    dir.resolve("adc.json").toString(),
                    "GOOGLE_CLOUD_PROJECT",
                    "environment-project",
                    "GOOGLE_CLOUD_LOCATION",
                    "us-east5",
                    VertexLocation.BASE_URL_VARIABLE,
                    vertex.baseUrl());

            try (Marble marble = Marble.start(new Environment(variables, dir, dir), warning -> {})) {
                var answer = marble.model(main.agent().model(), List.of(), "run-main")
                        .chat(ChatRequest.of(null, "hi"));
                assertThat(answer.message().text()).isEqualTo("echo: hi");
                assertThat(vertex.lastRequest().path())
                        .isEqualTo("/v1/projects/program-project/locations/europe-west1/publishers/anthropic/models/"
                                + MODEL + ":rawPredict");
                assertThat(vertex.lastRequest().body().toString())
                        .doesNotContain("program-project")
                        .doesNotContain("europe-west1");

                // the fake serves only the program's project, so the helper's call is refused: where it went is the
                // point
                var refused = catchThrowable(
                        () -> marble.providerModel(helper.agent().model()).chat(ChatRequest.of(null, "hi")));
                assertThat(refused).isInstanceOf(ModelException.class);
                assertThat(vertex.lastRequest().path())
                        .isEqualTo("/v1/projects/environment-project/locations/us-east5/publishers/anthropic/models/"
                                + MODEL + ":rawPredict");
            }
        }
    }
}
