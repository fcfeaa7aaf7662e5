package dev.marble.tool.java;

import dev.marble.config.Version;
import dev.marble.error.ConfigException;
import dev.marble.error.SourceLocation;
import dev.marble.error.UsageException;
import dev.marble.tool.annotation.Tool;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one .java file of tools at run time, into a cache folder named by a hash of what the
 * classes depend on (source text, file name, Java and Marble versions), so an unchanged file starts
 * at once. A folder is only ever complete: javac writes into a temporary one that is then renamed,
 * so runs started together, or one stopped halfway, never see half the classes.
 */
public final class JavaSourceCompiler {

    /**
     * Where a source's classes are.
     *
     * @param classes the folder to put on a class loader's path
     * @param className the binary name of the file's top-level class ("com.acme.Tools")
     * @param reused true when the cache had them and javac did not run
     */
    public record Compiled(Path classes, String className, boolean reused) {}

    private final Path cacheRoot;

    /** {@code cacheRoot} holds one folder per compiled source, e.g. {@code .marble/cache/functions}. */
    public JavaSourceCompiler(Path cacheRoot) {
        this.cacheRoot = cacheRoot;
    }

    /**
     * Compiles {@code source}, or finds it compiled.
     *
     * @throws UsageException when no compiler is at hand (a JRE) or the cache cannot be written
     * @throws ConfigException at the first compile error, or when the file has no class named after it
     */
    public Compiled compile(Path source) {
        String fileName = source.getFileName().toString();
        String simpleName = fileName.substring(0, fileName.length() - ".java".length());
        String text = read(source);
        Path folder = cacheRoot.resolve(simpleName + "-" + key(fileName, text));
        boolean reused = Files.isDirectory(folder);
        if (!reused) build(source, text, folder);
        return new Compiled(folder, className(folder, simpleName, source), reused);
    }

    private static String read(Path source) {
        try {
            return Files.readString(source);
        } catch (CharacterCodingException e) {
            throw new ConfigException(SourceLocation.of(source), "is not UTF-8 text");
        } catch (IOException e) {
            throw new UsageException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    private static String key(String fileName, String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String context = "java " + Runtime.version() + "\nmarble " + Version.VERSION + "\n" + fileName + "\n";
            digest.update(context.getBytes(StandardCharsets.UTF_8));
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private void build(Path source, String text, Path folder) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new UsageException("compiling " + source.getFileName() + " needs a JDK, not a JRE"
                    + " (or compile it yourself and pass a .jar)");
        }
        Path temporary;
        try {
            Files.createDirectories(cacheRoot);
            temporary = Files.createTempDirectory(cacheRoot, ".compiling-");
        } catch (IOException e) {
            throw new UsageException("cannot write the compile cache " + cacheRoot + ": " + e.getMessage(), e);
        }
        try {
            runJavac(javac, source, text, temporary);
            publish(temporary, folder);
        } finally {
            deleteTree(temporary);
        }
    }

    private static void runJavac(JavaCompiler javac, Path source, String text, Path output) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of(
                "-d",
                output.toString(),
                "-classpath",
                classPath(),
                "-parameters",
                "--release",
                "21",
                "-proc:none",
                "-nowarn",
                "-Xlint:none");
        // The text that was hashed is the text compiled, even if the file changes meanwhile.
        JavaFileObject unit = new SimpleJavaFileObject(source.toUri(), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
        boolean ok;
        try (StandardJavaFileManager files =
                javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            ok = javac.getTask(new StringWriter(), files, diagnostics, options, null, List.of(unit))
                    .call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!ok) throw compileError(source, diagnostics.getDiagnostics());
    }

    /** The first error, where it is, as one line; later errors are often its echoes, so only counted. */
    private static ConfigException compileError(Path source, List<Diagnostic<? extends JavaFileObject>> all) {
        List<Diagnostic<? extends JavaFileObject>> errors =
                all.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
        if (errors.isEmpty()) return new ConfigException(SourceLocation.of(source), "javac failed");
        Diagnostic<? extends JavaFileObject> first = errors.getFirst();
        int line = (int) Math.max(0, first.getLineNumber());
        int column = (int) Math.max(0, first.getColumnNumber());
        String message = oneLine(first.getMessage(Locale.ROOT));
        int more = errors.size() - 1;
        if (more > 0) message += " (and " + more + " more error" + (more == 1 ? "" : "s") + ")";
        return new ConfigException(new SourceLocation(source, line, column, null), message);
    }

    /** "cannot find symbol\n  symbol: variable x" becomes "cannot find symbol (symbol: variable x)". */
    private static String oneLine(String message) {
        List<String> lines = message.lines()
                .map(l -> l.strip().replaceAll("\\s+", " "))
                .filter(l -> !l.isEmpty())
                .toList();
        if (lines.size() <= 1) return lines.isEmpty() ? "compile error" : lines.getFirst();
        return lines.getFirst() + " (" + String.join(", ", lines.subList(1, lines.size())) + ")";
    }

    /**
     * The class path Marble runs with, so the file's imports of Marble resolve; plus the place the
     * annotations came from, for launchers whose class path says little (a manifest-only jar).
     */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) entries.add(entry);
        }
        try {
            var codeSource = Tool.class.getProtectionDomain().getCodeSource();
            if (codeSource != null)
                entries.add(Path.of(codeSource.getLocation().toURI()).toString());
        } catch (Exception e) {
            // not from a file (a custom image); the class path alone must do
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void publish(Path temporary, Path folder) {
        try {
            Files.move(temporary, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            if (!Files.isDirectory(folder)) {
                throw new UsageException("cannot write the compile cache " + folder + ": " + e.getMessage(), e);
            }
            // Another run compiled the same source first; its classes are as good as ours.
        } catch (IOException e) {
            throw new UsageException("cannot write the compile cache " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The file's top-level class: the one class file named after the source, in whatever package. */
    private static String className(Path folder, String simpleName, Path source) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.getFileName().toString().equals(simpleName + ".class"))
                    .map(f -> folder.relativize(f).toString())
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace(File.separatorChar, '.'))
                    .findFirst()
                    .orElseThrow(() -> new ConfigException(
                            SourceLocation.of(source),
                            "declares no class " + simpleName + "; the tools go in a class named after the file"));
        } catch (IOException e) {
            throw new UsageException("cannot read the compile cache " + folder + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        } catch (IOException e) {
            // a leftover temporary folder costs only space
        }
    }
}
