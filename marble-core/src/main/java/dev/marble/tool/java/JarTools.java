package dev.marble.tool.java;

import dev.marble.error.UsageException;
import dev.marble.tool.Toolset;
import dev.marble.tool.annotation.Tool;
import dev.marble.tool.annotation.ToolAnnotations;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The tools of a jar: one {@link JavaToolset} for each class with {@code @Tool} methods, all loaded
 * by one class loader over the jar (whose manifest Class-Path is followed). Classes are chosen by
 * reading their bytes, not by loading them, so a library class in a fat jar whose own dependencies
 * are missing is never touched; a class with tools that fails to load is an error.
 */
public final class JarTools {

    /** How a class file that uses {@code @Tool} (either spelling) names it in its constant pool. */
    private static final List<byte[]> MARKS = ToolAnnotations.TOOL_TYPES.stream()
            .map(type -> type.descriptorString().getBytes(StandardCharsets.UTF_8))
            .toList();

    private JarTools() {}

    /**
     * @throws UsageException when the jar cannot be read, has no class with tools, or one of those
     *     classes cannot be loaded or made into tools
     */
    public static List<Toolset> load(Path jar) {
        String jarName = jar.getFileName().toString();
        List<String> candidates = candidates(jar, jarName);
        URLClassLoader loader = newLoader(jar);
        SharedLoader shared = new SharedLoader(loader);
        List<Toolset> toolsets = new ArrayList<>();
        AutoCloseable own = shared.hold(); // keeps the loader open until every toolset is made
        try (own) {
            for (String className : candidates) {
                Class<?> type = loadClass(loader, className, jarName);
                if (!hasTools(type, jarName)) continue; // the name appeared, but not as an annotation
                AutoCloseable hold = shared.hold();
                try {
                    toolsets.add(JavaToolset.of(type, jarName + ": " + className, hold));
                } catch (RuntimeException e) {
                    hold.close();
                    throw e;
                }
            }
            if (toolsets.isEmpty()) {
                throw new UsageException(jarName + " has no class with @" + Tool.class.getName() + " methods");
            }
            return List.copyOf(toolsets);
        } catch (RuntimeException e) {
            for (Toolset toolset : toolsets) toolset.close();
            throw e;
        } catch (Exception e) {
            throw new UsageException(jarName + ": " + e.getMessage(), e); // closing the loader failed
        }
    }

    /** Names of the classes whose bytes mention {@code @Tool}, in jar order. */
    private static List<String> candidates(Path jar, String jarName) {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String path = entry.getName();
                if (!path.endsWith(".class")
                        || path.startsWith("META-INF/")
                        || path.endsWith("module-info.class")
                        || path.endsWith("package-info.class")) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    byte[] bytes = in.readAllBytes();
                    if (MARKS.stream().anyMatch(mark -> contains(bytes, mark))) {
                        names.add(path.substring(0, path.length() - ".class".length())
                                .replace('/', '.'));
                    }
                }
            }
        } catch (IOException e) {
            throw new UsageException("cannot read " + jar + " as a jar: " + e.getMessage(), e);
        }
        return names;
    }

    private static boolean contains(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i <= bytes.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) continue outer;
            }
            return true;
        }
        return false;
    }

    private static URLClassLoader newLoader(Path jar) {
        try {
            URL url = jar.toUri().toURL();
            return new URLClassLoader(jar.getFileName().toString(), new URL[] {url}, JarTools.class.getClassLoader());
        } catch (IOException e) {
            throw new UsageException("cannot read " + jar + ": " + e.getMessage(), e);
        }
    }

    private static Class<?> loadClass(ClassLoader loader, String className, String jarName) {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw cannotLoad(className, jarName, e);
        }
    }

    /** Reflection resolves the types in method signatures, so a missing dependency shows here too. */
    private static boolean hasTools(Class<?> type, String jarName) {
        try {
            return JavaToolset.hasTools(type);
        } catch (LinkageError e) {
            throw cannotLoad(type.getName(), jarName, e);
        }
    }

    private static UsageException cannotLoad(String className, String jarName, Throwable e) {
        return new UsageException(
                jarName + ": class " + className + " uses @Tool but cannot be loaded: " + e
                        + " (is a library it needs missing from the jar or its Class-Path?)",
                e);
    }
}
