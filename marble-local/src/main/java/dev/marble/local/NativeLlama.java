package dev.marble.local;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.args.LogFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Loads llama.cpp's native library once per process, quietly and safely. Left to itself, the
 * library's loader prints "Extracted ..." on standard output (which would end up in a piped answer),
 * deletes every file whose name starts with {@code llama} in the temporary folder, and extracts over a
 * shared path that another process may be loading. So Marble extracts the library itself into a folder
 * named by its content hash (written to a temporary name and renamed, so a reader never sees half a
 * file) and points the loader there, with its clean-up folder set to that private folder.
 */
final class NativeLlama {

    private static volatile boolean loaded;

    private NativeLlama() {}

    static synchronized void load(Path cacheHome) {
        if (loaded) return;
        String resource = "/de/kherud/llama/" + platformFolder() + "/" + System.mapLibraryName("jllama");
        try (InputStream in = LlamaModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new LocalModelException(
                        "llama.cpp has no native library for " + platformFolder() + " in this build of Marble");
            }
            byte[] library = in.readAllBytes();
            Path folder = cacheHome
                    .resolve("native")
                    .resolve("llama-" + sha256(library).substring(0, 16));
            Path file = folder.resolve(System.mapLibraryName("jllama"));
            if (!Files.isRegularFile(file) || Files.size(file) != library.length) {
                Files.createDirectories(folder);
                Path partial = Files.createTempFile(folder, ".jllama", ".part");
                Files.write(partial, library);
                try {
                    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            System.setProperty("de.kherud.llama.lib.path", folder.toString());
            System.setProperty("de.kherud.llama.tmpdir", folder.toString());
            // The first use of LlamaModel runs its loader; native logging is then switched off (a model's own
            // parameters switch off llama.cpp's other log, see LocalModelSettings).
            LlamaModel.setLogger(LogFormat.TEXT, (level, text) -> {});
            loaded = true;
        } catch (IOException e) {
            throw new LocalModelException(
                    "cannot unpack llama.cpp's native library into " + cacheHome + ": " + e.getMessage(), e);
        } catch (UnsatisfiedLinkError e) {
            throw new LocalModelException("cannot load llama.cpp's native library: " + e.getMessage(), e);
        }
    }

    /** The loader's folder names: Linux/x86_64, Mac/aarch64, Windows/x86_64. */
    static String platformFolder() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String osFolder =
                os.contains("win") ? "Windows" : os.contains("mac") || os.contains("darwin") ? "Mac" : "Linux";
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String archFolder = switch (arch) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "x86", "i386", "i686" -> "x86";
            default -> arch;
        };
        return osFolder + "/" + archFolder;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
