package dev.marble.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.marble.error.ConfigException;
import dev.marble.format.program.ProgramLoader;
import dev.marble.format.worker.WorkerFile;
import dev.marble.provider.scripted.ScriptFile;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A definition file too large to be one a person wrote (or one a model was steered to write) is refused before it
 * is parsed, naming the file, its size and the limit. Before, a {@code .worker} whose front matter held one 50 MB
 * value took 822 s and about 6 GB before its error. The time bounds prove the refusal came before the parsing; they
 * are not speed tests.
 */
class OversizeInputSecurityTest {

    private static final Duration FAST = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    /** Writes {@code before}, {@code size} bytes of 'a', then {@code after}, without holding it all in memory. */
    private Path file(String name, String before, long size, String after) throws IOException {
        Path file = temp.resolve(name);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(before);
            char[] block = "a".repeat(64 * 1024).toCharArray();
            for (long written = 0; written < size; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
            out.write(after);
        }
        return file;
    }

    @Test
    void aWorkerWithAFiftyMegabyteFrontMatterValueIsRefusedAtOnce() throws IOException {
        Path worker = file("big.worker", "---\nname: big\ndescription: ", 50_000_000, "\n---\nDo the work.\n");

        ConfigException e = assertTimeoutPreemptively(FAST, () -> catchConfigException(() -> WorkerFile.load(worker)));

        assertThat(e.getMessage())
                .startsWith(worker.toAbsolutePath() + ": too large to read: ")
                .contains("a definition or configuration file may have at most 1 MiB (1048576 bytes)")
                .endsWith("this one has " + Files.size(worker) + " bytes");
    }

    @Test
    void aProgramAndConfigurationAreRefusedBeyondTheLimitToo() throws IOException {
        Path program = file(
                "p.toml",
                "[model]\nname = \"m\"\nprovider = \"openai\"\n[prompt]\nsystem_prompt = \"",
                2_000_000,
                "\"\n");
        Path project = Files.createDirectories(temp.resolve("project"));
        file("project/marble.json", "{\"_note\": \"", 2_000_000, "\"}");
        Environment environment = new Environment(Map.of(), project, Files.createDirectories(temp.resolve("home")));

        assertTimeoutPreemptively(FAST, () -> {
            assertThatThrownBy(() -> ProgramLoader.load(program))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("p.toml: too large to read");
            assertThatThrownBy(() -> ConfigLoader.load(environment))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("marble.json: too large to read");
        });
    }

    @Test
    void aReplayFileHasALimitOfItsOwn() throws IOException {
        Path fits = file("fits.json", "[{\"text\": \"", 2_000_000, "\"}]");
        Path huge = file("huge.yaml", "- text: ", 5_000_000, "\n");

        assertThat(ScriptFile.load(fits).replies()).hasSize(1);
        assertTimeoutPreemptively(
                FAST,
                () -> assertThatThrownBy(() -> ScriptFile.load(huge))
                        .isInstanceOf(ConfigException.class)
                        .hasMessageContaining("a replay file may have at most 4 MiB"));
    }

    @Test
    void aFileThatNeverEndsIsReadOnlyUpToTheLimit() {
        Path endless = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(endless), "needs /dev/zero (Linux, macOS)");

        ConfigException e = assertTimeoutPreemptively(
                FAST,
                () -> catchConfigException(
                        () -> LocatedDocumentReader.read(endless, LocatedDocumentReader.Format.JSON)));

        assertThat(e.getMessage())
                .isEqualTo("/dev/zero: too large to read: a definition or configuration file may have at"
                        + " most 1 MiB (1048576 bytes), and this one is larger than that");
    }

    private static ConfigException catchConfigException(Runnable load) {
        try {
            load.run();
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("the file was accepted");
    }
}
