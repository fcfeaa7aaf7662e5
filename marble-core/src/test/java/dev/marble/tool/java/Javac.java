package dev.marble.tool.java;

import dev.marble.tool.annotation.Tool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds jars for tests: compiles sources as a user's build would, then packs the classes. */
final class Javac {

    private Javac() {}

    /**
     * Compiles {@code sources} (path in the source tree → text) into {@code root/classes} and packs
     * them into {@code root/jarName}. {@code parameters} says whether javac keeps parameter names.
     */
    static Path jar(Path root, String jarName, Map<String, String> sources, boolean parameters) throws IOException {
        return pack(compile(root, sources, parameters), root.resolve(jarName));
    }

    /** Compiles {@code sources} into {@code root/classes}, and returns that folder. */
    static Path compile(Path root, Map<String, String> sources, boolean parameters) throws IOException {
        Path src = root.resolve("src");
        Path classes = Files.createDirectories(root.resolve("classes"));
        List<String> arguments = new ArrayList<>(
                List.of("-d", classes.toString(), "-classpath", marbleClasses(), "--release", "21", "-proc:none"));
        if (parameters) arguments.add("-parameters");
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, OutputStream.nullOutputStream(), errors, arguments.toArray(String[]::new));
        if (status != 0) throw new IllegalStateException("test sources do not compile:\n" + errors);
        return classes;
    }

    /** A jar of every file under {@code classes}. */
    static Path pack(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(
                        new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Where Marble's own classes are, so test sources can use the annotations. */
    static String marbleClasses() {
        try {
            return Path.of(Tool.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
