package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.marble.api.EngineUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableEnginesTest {

    @TempDir
    Path dir;

    @Test
    void aMissingEngineJarExitsEightAndSaysWhatToBuild() {
        Path missing = dir.resolve("marble-temporal.jar");

        Throwable failure = catchThrowable(
                () -> DurableEngines.load("temporal", Map.of(DurableEngines.JAR_VARIABLE, missing.toString())));

        assertThat(failure)
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("the temporal engine is not built: " + missing
                        + " is missing (build it with ./mvnw -B -DskipTests package -pl marble-temporal -am)");
        assertThat(ExitCodes.of(failure)).isEqualTo(8);
    }

    @Test
    void aJarWithoutTheEngineIsNamed() throws Exception {
        Path empty = dir.resolve("empty.jar");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(empty))) {
            out.putNextEntry(new java.util.zip.ZipEntry("README"));
            out.closeEntry();
        }

        Throwable failure = catchThrowable(
                () -> DurableEngines.load("temporal", Map.of(DurableEngines.JAR_VARIABLE, empty.toString())));

        assertThat(failure)
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage(empty + " holds no temporal engine");
    }

    @Test
    void inACheckoutTheJarIsTheTemporalModulesBuild() {
        Path jar = DurableEngines.jar("temporal", Map.of());

        assertThat(jar.toString())
                .endsWith("marble-temporal/target/marble-temporal.jar".replace('/', java.io.File.separatorChar));
    }
}
