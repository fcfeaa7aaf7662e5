package dev.marble.local.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.UsageException;
import dev.marble.testkit.FakeFileServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code marble models pull}'s download against a loopback server that serves a file as the Hugging Face hub does. */
class ModelDownloadTest {

    private static final String REPO = "acme/tiny-GGUF";
    private static final String FILE = "tiny-q8_0.gguf";

    @TempDir
    Path models;

    private final byte[] content = bytes(700_000);
    private final List<ModelDownload.Progress> progress = new CopyOnWriteArrayList<>();

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }

    private ModelDownload.Result pull(FakeFileServer server, String sha256, int attempts) {
        ModelSource source = ModelSource.parse(REPO + "/" + FILE, server.endpoint());
        return new ModelDownload(null, attempts, Duration.ZERO)
                .fetch(source, models.resolve(source.relativePath()), sha256, progress::add);
    }

    @Test
    void downloadsThroughTheHubsRedirectAndChecksTheAnnouncedSha256() throws Exception {
        try (FakeFileServer server = FakeFileServer.start(REPO, FILE, content)) {
            ModelDownload.Result result = pull(server, null, 3);

            assertThat(Files.readAllBytes(result.file())).isEqualTo(content);
            assertThat(result.file()).isEqualTo(models.resolve(REPO + "/" + FILE));
            assertThat(result.sha256()).isEqualTo(FakeFileServer.sha256(content));
            assertThat(result.checked()).isTrue();
            assertThat(result.resumes()).isZero();
            assertThat(progress.getLast()).isEqualTo(new ModelDownload.Progress(content.length, content.length));
            assertThat(server.requests())
                    .extracting(FakeFileServer.Seen::path)
                    .containsExactly("/" + REPO + "/resolve/main/" + FILE, "/cdn/" + REPO + "/resolve/main/" + FILE);
            assertThat(Files.exists(models.resolve(REPO + "/" + FILE + ".part")))
                    .isFalse();
        }
    }

    @Test
    void aBrokenDownloadResumesWithARangeRequest() throws Exception {
        try (FakeFileServer server = FakeFileServer.start(REPO, FILE, content).breakAfter(250_000, 1)) {
            ModelDownload.Result result = pull(server, null, 3);

            assertThat(Files.readAllBytes(result.file())).isEqualTo(content);
            assertThat(result.resumes()).isEqualTo(1);
            // It resumes from what it had saved when the connection broke: the 250,000 bytes sent, less whatever
            // the client's buffers still held unread when the error surfaced (under load, a few kilobytes).
            assertThat(server.requests())
                    .extracting(FakeFileServer.Seen::range)
                    .filteredOn(range -> range != null)
                    .isNotEmpty()
                    .allSatisfy(range -> assertThat(range)
                            .matches("bytes=\\d+-")
                            .satisfies(r -> assertThat(Long.parseLong(r.substring(6, r.length() - 1)))
                                    .isBetween(1L, 250_000L)));
        }
    }

    @Test
    void aDownloadThatKeepsBreakingStopsAndTheNextRunResumesIt() throws Exception {
        try (FakeFileServer server = FakeFileServer.start(REPO, FILE, content).breakAfter(100_000, 2)) {
            assertThatThrownBy(() -> pull(server, null, 2))
                    .isInstanceOf(DownloadException.class)
                    .hasMessageContaining("run the command again to resume from 200000 bytes");
            assertThat(Files.size(models.resolve(REPO + "/" + FILE + ".part"))).isEqualTo(200_000);

            ModelDownload.Result result = pull(server, null, 2);

            assertThat(Files.readAllBytes(result.file())).isEqualTo(content);
            assertThat(server.requests().getLast().range()).isEqualTo("bytes=200000-");
        }
    }

    @Test
    void aChecksumThatDiffersRemovesTheDownload() {
        try (FakeFileServer server = FakeFileServer.start(REPO, FILE, content).linkedEtag("ab".repeat(32))) {
            assertThatThrownBy(() -> pull(server, null, 3))
                    .isInstanceOf(DownloadException.class)
                    .hasMessageContaining("announced by the server")
                    .hasMessageContaining("removed");
            assertThat(models.resolve(REPO + "/" + FILE)).doesNotExist();
            assertThat(models.resolve(REPO + "/" + FILE + ".part")).doesNotExist();
        }
    }

    @Test
    void aGivenSha256IsCheckedWhenTheServerAnnouncesNone() {
        try (FakeFileServer server = FakeFileServer.start(REPO, FILE, content).linkedEtag(null)) {
            assertThatThrownBy(() -> pull(server, "cd".repeat(32), 3)).hasMessageContaining("was given");

            ModelDownload.Result result =
                    pull(server, FakeFileServer.sha256(content).toUpperCase(), 3);
            assertThat(result.checked()).isTrue();

            assertThatThrownBy(() -> pull(server, "xyz", 3))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("64 hexadecimal");
        }
    }

    @Test
    void aFileAlreadyThereIsNotFetchedAgain() {
        try (FakeFileServer server = FakeFileServer.start(REPO, FILE, content)) {
            pull(server, null, 3);
            int requests = server.requests().size();

            ModelDownload.Result again = pull(server, null, 3);

            assertThat(again.alreadyThere()).isTrue();
            assertThat(server.requests()).hasSize(requests);
        }
    }

    @Test
    void aMissingFileIsOneLineNamingTheUrl() {
        try (FakeFileServer server = FakeFileServer.start(REPO, "other.gguf", content)) {
            assertThatThrownBy(() -> pull(server, null, 3))
                    .isInstanceOf(DownloadException.class)
                    .hasMessage("HTTP 404 from " + server.endpoint() + "/" + REPO + "/resolve/main/" + FILE
                            + ": no such repository, revision or file");
        }
    }

    @Test
    void sourcesAreOwnerRepoFileOrAUrl() {
        ModelSource hub = ModelSource.parse("Qwen/Qwen2.5-0.5B-Instruct-GGUF/sub/q4.gguf@v1", null);
        assertThat(hub.uri())
                .hasToString("https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/v1/sub/q4.gguf");
        assertThat(hub.relativePath()).isEqualTo(Path.of("Qwen/Qwen2.5-0.5B-Instruct-GGUF/sub/q4.gguf"));
        assertThat(ModelSource.parse("https://example.org/m/x.gguf", null).relativePath())
                .isEqualTo(Path.of("x.gguf"));
        for (String bad : List.of("", "model.gguf", "a/b", "a/../b.gguf", "a//b/c"))
            assertThatThrownBy(() -> ModelSource.parse(bad, null))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("expected OWNER/REPO/FILE");
    }
}
