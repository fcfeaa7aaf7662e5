package dev.marble.tool.java;

import dev.marble.error.UsageException;
import dev.marble.tool.Toolset;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Tools from {@code --functions}: a .java file, compiled here, or a jar of compiled classes. */
public final class JavaTools {

    private JavaTools() {}

    /**
     * The toolsets in {@code file}: one for a .java file (its class named after the file), one per
     * class with tools for a jar. {@code cacheRoot} keeps compiled .java files between runs.
     *
     * @throws UsageException for a missing file, another kind of file, or classes that cannot be tools
     * @throws dev.marble.error.ConfigException for a .java file that does not compile
     */
    public static List<Toolset> load(Path file, Path cacheRoot) {
        String fileName = file.getFileName() == null
                ? file.toString()
                : file.getFileName().toString();
        boolean source = fileName.endsWith(".java");
        if (!source && !fileName.endsWith(".jar")) {
            throw new UsageException("--functions takes a .java file or a .jar, not " + file);
        }
        if (!Files.exists(file)) throw new UsageException("--functions: " + file + " does not exist");
        if (!Files.isRegularFile(file)) throw new UsageException("--functions: " + file + " is not a file");
        return source ? List.of(fromSource(file, cacheRoot)) : JarTools.load(file);
    }

    private static Toolset fromSource(Path file, Path cacheRoot) {
        JavaSourceCompiler.Compiled compiled = new JavaSourceCompiler(cacheRoot).compile(file);
        URLClassLoader loader = new URLClassLoader(
                file.getFileName().toString(), new URL[] {url(compiled.classes())}, JavaTools.class.getClassLoader());
        try {
            Class<?> type = Class.forName(compiled.className(), false, loader);
            return JavaToolset.of(type, file.getFileName().toString(), loader);
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            close(loader, e);
            if (e instanceof RuntimeException runtime) throw runtime;
            throw new UsageException(file.getFileName() + ": its compiled class does not load: " + e, e);
        }
    }

    private static URL url(Path folder) {
        try {
            return folder.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("a file path is a URL", e);
        }
    }

    private static void close(URLClassLoader loader, Throwable reason) {
        try {
            loader.close();
        } catch (IOException e) {
            reason.addSuppressed(e);
        }
    }
}
