package dev.marble.store;

import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

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
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;

/**
 * Where SQLite's native library is loaded from. Left to itself, sqlite-jdbc unpacks the library of this platform
 * from its jar into the temporary folder at every start (a megabyte read, written, and read back byte by byte to
 * compare) and lists that folder to delete older copies: tens of milliseconds of every command that opens the
 * journal. Marble unpacks it once into its cache, {@code <cache>/native/sqlite-VERSION-PLATFORM/}, and points
 * sqlite-jdbc there. Before each load the copy is checked against the jar's own record of the file (its size and
 * CRC-32): a copy cut short or left by another version is replaced, not loaded.
 *
 * <p>The CRC catches accidents, not an attacker: whoever can write to the cache can write to the jar beside it
 * as well, and the cache is trusted as the jar is. Where the folder cannot be written, or the library is not in
 * a jar, sqlite-jdbc does what it does by itself.
 */
public final class SqliteLibrary {

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
        String name = LibraryLoaderUtil.getNativeLibName();
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        URL url = SQLiteJDBCLoader.class.getResource(resource);
        try {
            URLConnection connection = url == null ? null : url.openConnection();
            if (!(connection instanceof JarURLConnection jar)) return;
            jar.setUseCaches(false); // this JarFile is ours, closed below
            try (JarFile file = jar.getJarFile()) {
                JarEntry entry = file.getJarEntry(jar.getEntryName());
                if (entry == null || entry.getSize() < 0 || entry.getCrc() < 0) return;
                String platform = resource.substring("/org/sqlite/native/".length(), resource.lastIndexOf('/'));
                Path folder = cacheDirectory.resolve("native")
                        .resolve("sqlite-" + SQLiteJDBCLoader.getVersion() + "-" + platform.replace('/', '-'));
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

    private static boolean matches(Path library, JarEntry entry) throws IOException {
        if (!Files.isRegularFile(library) || Files.size(library) != entry.getSize()) return false;
        try (InputStream in = new CheckedInputStream(Files.newInputStream(library), new CRC32())) {
            in.transferTo(OutputStream.nullOutputStream());
            return ((CheckedInputStream) in).getChecksum().getValue() == entry.getCrc();
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
            try {
                Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, library, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
