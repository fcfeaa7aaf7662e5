package dev.marble.chain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.MarbleException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> names() throws Exception {
        try (var entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesReplacesAndMakesTheDirectory() throws Exception {
        Path file = dir.resolve("a/b/status.txt");
        AtomicFiles.write(file, "RUNNING");
        AtomicFiles.write(file, "STOPPED – ü");
        assertThat(file).hasContent("STOPPED – ü");
        try (var entries = Files.list(file.getParent())) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void aFailedRenameLeavesNoTemporaryFile() throws Exception {
        Path occupied = Files.createDirectories(dir.resolve("handoff.md"));
        Files.writeString(occupied.resolve("inside"), "x");
        assertThatThrownBy(() -> AtomicFiles.write(occupied, "text"))
                .isInstanceOf(MarbleException.class)
                .hasMessageStartingWith("cannot write " + occupied + ": ");
        assertThat(names()).containsExactly("handoff.md");
    }

    /**
     * A real failure halfway through writing: the child may write at most 4 blocks, so writing 64 KB
     * fails in the middle. A write in place would have truncated the handoff and left a fragment.
     */
    @Test
    @EnabledOnOs(
            value = {OS.LINUX, OS.MAC},
            disabledReason = "the child's write limit is a POSIX shell's ulimit -f")
    void aWriteThatFailsHalfwayLeavesTheOldContentAndNoTemporaryFile() throws Exception {
        Path file = dir.resolve("handoff.md");
        Files.writeString(file, "the old handoff");
        try (ChildJvm child =
                ChildJvm.start(List.of("ulimit -f 4;"), AtomicWriterMain.class, "once", file.toString(), "65536")) {
            assertThat(child.line())
                    .startsWith("failed: cannot write " + file + ": ")
                    .containsIgnoringCase("too large");
            assertThat(child.exitCode()).isZero();
        }
        assertThat(file).hasContent("the old handoff");
        assertThat(names()).containsExactly("handoff.md");
    }

    /** Readers never see a mix of two versions or an empty file, however often the file is replaced. */
    @Test
    void aReaderSeesOnlyWholeVersions() throws Exception {
        Path file = dir.resolve("progress.json");
        String a = "a".repeat(200_000);
        String b = "b".repeat(200_000);
        AtomicFiles.write(file, a);
        AtomicBoolean done = new AtomicBoolean();
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 100; i++) AtomicFiles.write(file, i % 2 == 0 ? b : a);
            done.set(true);
        });
        int reads = 0;
        while (!done.get() || reads == 0) {
            String seen = Files.readString(file);
            assertThat(seen.equals(a) || seen.equals(b))
                    .as("read %d: %d characters", reads, seen.length())
                    .isTrue();
            reads++;
        }
        writer.join();
    }

    /** kill -9 at a random moment while the file is being replaced again and again: the file is always one whole
     * version. */
    @Test
    void aKilledWriterLeavesOneWholeVersion() throws Exception {
        Path file = dir.resolve("handoff.md");
        int size = 300_000;
        for (int attempt = 0; attempt < 6; attempt++) {
            try (ChildJvm child =
                    ChildJvm.start(AtomicWriterMain.class, "loop", file.toString(), Integer.toString(size))) {
                assertThat(child.line()).isEqualTo("writing");
                Thread.sleep(ThreadLocalRandom.current().nextInt(20, 200));
                child.kill();
            }
            String left = Files.readString(file);
            assertThat(Set.of("a".repeat(size), "b".repeat(size)))
                    .as("attempt %d: %d characters", attempt, left.length())
                    .contains(left);
        }
    }
}
