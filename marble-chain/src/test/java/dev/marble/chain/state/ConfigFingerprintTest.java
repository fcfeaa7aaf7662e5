package dev.marble.chain.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a start says of the files its previous start was configured by, told by hash and modification time. */
class ConfigFingerprintTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-03-01T11:00:00Z");

    @TempDir
    Path temp;

    Path config;
    Path prompt;
    StateDir state;

    @BeforeEach
    void setUp() throws IOException {
        config = Files.writeString(temp.resolve("marble.json"), "{}");
        prompt = Files.writeString(temp.resolve("prompt.txt"), "Do the work.");
        state = StateDir.of(temp.resolve("state"), "c");
    }

    private ConfigFingerprint fingerprint() {
        return new ConfigFingerprint(state, List.of(config, prompt));
    }

    private static void touch(Path file, String text, Instant when) throws IOException {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(when));
    }

    @Test
    void aFirstStartAndAnUnchangedOneSayNothing() {
        ConfigFingerprint first = fingerprint();
        assertThat(first.start(T0)).isEmpty();
        first.end(T1);

        assertThat(fingerprint().start(T1.plusSeconds(60))).isEmpty();
    }

    @Test
    void eachChangedFileIsNamedWithWhenItChanged() throws IOException {
        ConfigFingerprint first = fingerprint();
        first.start(T0);
        touch(config, "{\"approvals\": {\"allow\": [\"run_command\"]}}", T0.plusSeconds(30));
        first.end(T1);
        touch(prompt, "Do more.", T1.plusSeconds(30));

        assertThat(fingerprint().start(T1.plusSeconds(60)))
                .containsExactly(
                        new ConfigFingerprint.Change(
                                config, "modified during start 1, 2026-03-01T10:00:00Z to 2026-03-01T11:00:00Z"),
                        new ConfigFingerprint.Change(prompt, "modified after start 1 ended (2026-03-01T11:00:00Z)"));
    }

    @Test
    void aStartThatRecordedNoEndAndADeletedOrBackdatedFileAreSaidAsSuch() throws IOException {
        fingerprint().start(T0); // killed: no end recorded
        Files.delete(prompt);
        touch(config, "{\"x\": 1}", T0.minusSeconds(3600));

        ConfigFingerprint second = fingerprint();
        assertThat(second.start(T1))
                .containsExactly(
                        new ConfigFingerprint.Change(
                                config,
                                "modified since start 1 began (2026-03-01T10:00:00Z), though its"
                                        + " modification time was set back"),
                        new ConfigFingerprint.Change(prompt, "deleted since start 1 began (2026-03-01T10:00:00Z)"));
        touch(prompt, "Back again.", T1.plusSeconds(10));

        assertThat(fingerprint().start(T1.plusSeconds(20)))
                .containsExactly(new ConfigFingerprint.Change(
                        prompt,
                        "created during or after start 2, which began 2026-03-01T11:00:00Z" + " and recorded no end"));
    }

    @Test
    void aBrokenRecordIsReportedAndReplaced() throws IOException {
        fingerprint().start(T0);
        Files.writeString(fingerprint().recordFile(), "{\"started\": \"yesterday\"}");

        List<ConfigFingerprint.Change> changes = fingerprint().start(T1);

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.file()).isEqualTo(fingerprint().recordFile());
            assertThat(change.how()).startsWith("could not be read (");
        });
        assertThat(fingerprint().start(T1.plusSeconds(1))).isEmpty();
    }
}
