package dev.marble.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.chain.state.AtomicFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSyncsTest {

    @TempDir
    Path temp;

    @Test
    void countsTheSyncsOfTheOpeningThreadInsideItsWindowOnly() throws Exception {
        int inside;
        int empty;
        try (FileSyncs syncs = new FileSyncs()) {
            AtomicFiles.write(temp.resolve("before.txt"), "not counted");
            inside = syncs.open();
            AtomicFiles.write(temp.resolve("a.txt"), "one");
            AtomicFiles.write(temp.resolve("b.txt"), "two");
            Thread other =
                    Thread.ofPlatform().start(() -> AtomicFiles.write(temp.resolve("c.txt"), "another thread's"));
            other.join();
            syncs.close(inside);
            empty = syncs.open();
            syncs.close(empty);
            AtomicFiles.write(temp.resolve("after.txt"), "not counted");
            syncs.finish();

            // An atomic write forces the new file, then the directory that holds it.
            assertThat(syncs.count(inside).syncs()).isEqualTo(4);
            assertThat(syncs.count(inside).time()).isPositive();
            assertThat(syncs.count(empty).syncs()).isZero();
        }
    }
}
