package dev.marble.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The version the build writes in is the project's, not a placeholder or the fallback of a missing file. */
class VersionTest {

    @Test
    void isTheProjectVersionTheBuildWroteIn() {
        assertThat(Version.VERSION).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }
}
