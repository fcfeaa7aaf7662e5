package dev.marble.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's native library comes from Marble's cache, unpacked there once, not from the temporary folder at every
 * start. The native library loads once per process, so each case is a JVM of its own ({@link Probe}), with a
 * temporary folder of its own to look into afterwards.
 */
class SqliteLibraryTest {

    @TempDir
    Path temp;

    /** Opens a journal the way Marble does (the cache first), then prints where sqlite-jdbc loaded from. */
    public static final class Probe {
        public static void main(String[] args) {
            SqliteLibrary.cacheIn(Path.of(args[0]));
            Journal.open(Path.of(args[1])).close();
            System.out.println(System.getProperty("org.sqlite.lib.path"));
        }
    }

    private String probe(Path cache, Path tmp) throws IOException, InterruptedException {
        Files.createDirectories(tmp);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-Djava.io.tmpdir=" + tmp,
                        "-Xlog:class+load=info:file=" + tmp.resolve("classes.log"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Probe.class.getName(),
                        cache.toString(),
                        temp.resolve("project/.marble").toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out.strip().lines().reduce((first, last) -> last).orElse("");
    }

    private static List<Path> libraries(Path cache) throws IOException {
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(p -> p.getFileName().toString().contains("sqlitejdbc")
                            && !p.toString().endsWith(".part"))
                    .toList();
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void theLibraryIsUnpackedIntoTheCacheOnceAndNeverIntoTheTemporaryFolder() throws Exception {
        Path cache = temp.resolve("cache/marble");
        Path loadedFrom = Path.of(probe(cache, temp.resolve("tmp1")));
        assertThat(loadedFrom).startsWith(cache.resolve("native"));
        assertThat(loadedFrom.getFileName().toString()).startsWith("sqlite-");
        assertThat(libraries(cache)).hasSize(1);
        assertThat(names(temp.resolve("tmp1"))).noneMatch(name -> name.startsWith("sqlite-"));

        Path library = libraries(cache).getFirst();
        FileTime unpacked =
                FileTime.fromMillis(Files.getLastModifiedTime(library).toMillis() - 60_000);
        Files.setLastModifiedTime(library, unpacked);
        assertThat(probe(cache, temp.resolve("tmp2"))).isEqualTo(loadedFrom.toString());
        assertThat(Files.getLastModifiedTime(library)).as("not unpacked again").isEqualTo(unpacked);
        assertThat(names(temp.resolve("tmp2"))).noneMatch(name -> name.startsWith("sqlite-"));
    }

    /**
     * Which library fits this machine is worked out once (sqlite-jdbc's OSInfo resolves every file mapped into the
     * process to tell musl from glibc: 30 ms) and noted; later starts read the note and never load OSInfo.
     */
    @Test
    void whichLibraryFitsThisMachineIsWorkedOutOnceAndNoted() throws Exception {
        Path cache = temp.resolve("cache/marble");
        probe(cache, temp.resolve("tmp1"));
        assertThat(Files.readString(temp.resolve("tmp1/classes.log"))).contains(" org.sqlite.util.OSInfo ");
        List<Path> notes;
        try (Stream<Path> files = Files.list(cache.resolve("native"))) {
            notes = files.filter(p -> p.getFileName().toString().startsWith("sqlite-platform-"))
                    .toList();
        }
        assertThat(notes).hasSize(1);
        assertThat(Files.readString(notes.getFirst()).strip()).matches("[A-Za-z-]+/[a-z0-9_]+");

        probe(cache, temp.resolve("tmp2"));
        assertThat(Files.readString(temp.resolve("tmp2/classes.log"))).doesNotContain(" org.sqlite.util.OSInfo ");
    }

    @Test
    void aNoteNamingNoLibraryOfTheJarLeavesSqliteJdbcToItsOwnWay() throws Exception {
        Path cache = temp.resolve("cache/marble");
        probe(cache, temp.resolve("tmp1"));
        Path note;
        try (Stream<Path> files = Files.list(cache.resolve("native"))) {
            note = files.filter(p -> p.getFileName().toString().startsWith("sqlite-platform-"))
                    .findFirst()
                    .orElseThrow();
        }
        Files.writeString(note, "Nowhere/none\n");
        assertThat(probe(cache, temp.resolve("tmp2")))
                .as("no path set: sqlite-jdbc's own way")
                .isEqualTo("null");
    }

    @Test
    void aCopyThatDoesNotMatchTheJarsIsReplacedNotLoaded() throws Exception {
        Path cache = temp.resolve("cache/marble");
        probe(cache, temp.resolve("tmp1"));
        Path library = libraries(cache).getFirst();
        byte[] good = Files.readAllBytes(library);
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 0x5a; // same size, other content: only the CRC tells
        Files.write(library, bad);

        probe(cache, temp.resolve("tmp2"));
        assertThat(Files.readAllBytes(library)).isEqualTo(good);
    }

    @Test
    void withoutACacheSqliteJdbcUnpacksIntoTheTemporaryFolderAsBefore() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path tmp = Files.createDirectories(temp.resolve("tmp"));
        Process process = new ProcessBuilder(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-Djava.io.tmpdir=" + tmp,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.marble.store.SqliteLibraryTest$Unconfigured",
                        temp.resolve("project/.marble").toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out.strip()).endsWith("null");
    }

    /** A journal opened without {@link SqliteLibrary#cacheIn}: library users who never start a Marble. */
    public static final class Unconfigured {
        public static void main(String[] args) {
            Journal.open(Path.of(args[0])).close();
            System.out.println(System.getProperty("org.sqlite.lib.path"));
        }
    }
}
