package dev.marble.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Where SQLite's native library is loaded from. Left to itself, sqlite-jdbc works out which of its libraries fits
 * this machine (on Linux by resolving every file mapped into the process, to tell musl from glibc: 30 ms), then
 * unpacks it from its jar into the temporary folder (a megabyte read, written, and read back byte by byte to
 * compare) and lists that folder to delete older copies, at every start. Marble does all that once: it unpacks
 * the library into its cache, {@code <cache>/native/sqlite-CRC/}, notes which one fits this machine
 * ({@code native/sqlite-platform-OS-ARCH}), and points sqlite-jdbc at the copy. Before each load the copy is
 * checked against the jar's own record of the file (its size and CRC-32): a copy cut short or left by another
 * version is replaced, not loaded.
 *
 * <p>The CRC catches accidents, not an attacker: whoever can write to the cache can write to the jar beside it
 * as well, and the cache is trusted as the jar is. Where the folder cannot be written, or the library is not in
 * a jar, sqlite-jdbc does what it does by itself; and if the noted library does not load (a home shared by two
 * kinds of Linux), sqlite-jdbc falls back to its own way too.
 */
public final class SqliteLibrary {

    private static final String RESOURCES = "/org/sqlite/native/";

    private static Path cacheDirectory;
    private static boolean prepared;

    private SqliteLibrary() {}

    /** Marble's cache folder ({@code Environment#cacheDirectory}); used by the first journal this process opens. */
    public static synchronized void cacheIn(Path directory) {
        if (!prepared) cacheDirectory = directory;
    }

    /** Before the first connection of this process: the library unpacked and checked, and sqlite-jdbc told where. */
    static synchronized void prepare() {
        if (prepared) return;
        prepared = true;
        // Someone chose already (sqlite-jdbc's own properties), or nobody asked for the cache.
        if (cacheDirectory == null || System.getProperty("org.sqlite.lib.path") != null) return;
        try {
            Path natives = cacheDirectory.resolve("native");
            String name = LibraryLoaderUtil.getNativeLibName();
            URL url = SqliteLibrary.class.getResource(RESOURCES + platform(natives) + "/" + name);
            URLConnection connection = url == null ? null : url.openConnection();
            if (!(connection instanceof JarURLConnection jar)) return;
            jar.setUseCaches(false); // this JarFile is ours, closed below
            try (JarFile file = jar.getJarFile()) {
                JarEntry entry = file.getJarEntry(jar.getEntryName());
                if (entry == null || entry.getSize() < 0 || entry.getCrc() < 0) return;
                // Named by the library's CRC: another version of sqlite-jdbc gets a folder of its own.
                Path folder = natives.resolve("sqlite-" + HexFormat.of().toHexDigits((int) entry.getCrc()));
                Path library = folder.resolve(name);
                if (!matches(library, entry)) unpack(file, entry, folder, library);
                System.setProperty("org.sqlite.lib.path", folder.toString());
                System.setProperty("org.sqlite.lib.name", name);
                // Where sqlite-jdbc looks for old copies to delete: here, a folder of one file, not all of /tmp.
                System.setProperty("org.sqlite.tmpdir", folder.toString());
            }
        } catch (IOException | RuntimeException cannot) {
            // sqlite-jdbc unpacks it into the temporary folder, as it would have without Marble.
        }
    }

    /**
     * sqlite-jdbc's folder for this machine ({@code Linux/x86_64}, {@code Linux-Musl/aarch64}, {@code Mac/aarch64}),
     * as it works it out the first time, then as noted for this operating system and architecture.
     */
    private static String platform(Path natives) throws IOException {
        String key = (System.getProperty("os.name", "") + "-" + System.getProperty("os.arch", ""))
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_.-]", "_");
        Path noted = natives.resolve("sqlite-platform-" + key);
        if (Files.isRegularFile(noted)) {
            String platform = Files.readString(noted).strip();
            if (platform.matches("[A-Za-z0-9_-]+/[A-Za-z0-9_-]+")) return platform;
        }
        String platform = LibraryLoaderUtil.getNativeLibResourcePath().substring(RESOURCES.length());
        Files.createDirectories(natives);
        Path partial = Files.createTempFile(natives, ".platform-", ".part");
        Files.writeString(partial, platform + "\n");
        move(partial, noted);
        return platform;
    }

    private static boolean matches(Path library, JarEntry entry) throws IOException {
        if (!Files.isRegularFile(library) || Files.size(library) != entry.getSize()) return false;
        try (CheckedInputStream in = new CheckedInputStream(Files.newInputStream(library), new CRC32())) {
            in.transferTo(OutputStream.nullOutputStream());
            return in.getChecksum().getValue() == entry.getCrc();
        }
    }

    /** Written aside and renamed, so another process never loads half a file. */
    private static void unpack(JarFile jar, JarEntry entry, Path folder, Path library) throws IOException {
        Files.createDirectories(folder);
        Path partial = Files.createTempFile(folder, ".sqlitejdbc-", ".part");
        try {
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            if (!matches(partial, entry)) throw new IOException("the unpacked library does not match the jar's");
            move(partial, library);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void move(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
