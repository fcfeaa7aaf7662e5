import java.io.IOException;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * ./marble's helper on JDK 25 and newer: writes the classes of JAR that are older than Java 6 (class file version
 * below 50: picocli's, which it builds for Java 5) into OUT, as Java 8 class files with stack maps. The JVM's AOT
 * cache cannot hold classes that old (how they were verified cannot be recorded), so they are read from the jar and
 * verified again at every start, a third of what marble --version costs; first on the class path, the copies here
 * are cached like every other class. Nothing else changes: the same methods, rebuilt by the JDK's class-file API,
 * which computes the stack maps. A class it cannot rebuild is left out, and the jar's own copy is used, as before.
 *
 * <p>Run by the JDK's source launcher, so the build needs no JDK newer than 21:
 * {@code java build/UpgradeOldClasses.java JAR OUT}. Prints how many classes it upgraded and left out.
 */
public final class UpgradeOldClasses {

    private static final int JAVA_6 = 50;
    private static final int JAVA_8 = 52;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java UpgradeOldClasses.java JAR OUT");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int upgraded = 0;
        int leftOut = 0;
        try (JarFile in = new JarFile(jar.toFile());
             URLClassLoader classes = new URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null);
             OutputStream file = Files.newOutputStream(out);
             JarOutputStream upgrades = new JarOutputStream(file)) {
            // Stack maps merge types: their supertypes come from the JDK, else from the jar itself.
            ClassHierarchyResolver hierarchy = ClassHierarchyResolver.defaultResolver()
                    .orElse(ClassHierarchyResolver.ofResourceParsing(classes)).cached();
            ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(hierarchy));
            Set<String> versioned = versionedClasses(in);
            for (JarEntry entry : Collections.list(in.entries())) {
                String name = entry.getName();
                // A class with a copy for newer Javas (a multi-release jar) would hide that copy if put first.
                if (!name.endsWith(".class") || name.startsWith("META-INF/") || versioned.contains(name)) continue;
                byte[] bytes = in.getInputStream(entry).readAllBytes();
                ClassModel model = classFile.parse(bytes);
                if (model.majorVersion() >= JAVA_6) continue;
                byte[] rebuilt;
                try {
                    rebuilt = classFile.transformClass(model, ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                            .andThen((builder, element) -> {
                                if (element instanceof ClassFileVersion) builder.withVersion(JAVA_8, 0);
                                else builder.with(element);
                            }));
                    classFile.verify(rebuilt).stream().findFirst().ifPresent(problem -> {
                        throw new IllegalStateException(problem.getMessage());
                    });
                } catch (RuntimeException cannot) {
                    leftOut++;
                    continue;
                }
                JarEntry copy = new JarEntry(name);
                copy.setTime(entry.getTime());
                upgrades.putNextEntry(copy);
                upgrades.write(rebuilt);
                upgrades.closeEntry();
                upgraded++;
            }
        }
        System.out.println("upgraded " + upgraded + " classes, left out " + leftOut);
    }

    /** Base names of the classes a multi-release jar also has under META-INF/versions/N/. */
    private static Set<String> versionedClasses(JarFile jar) {
        Set<String> names = new HashSet<>();
        for (JarEntry entry : Collections.list(jar.entries())) {
            String name = entry.getName();
            if (name.startsWith("META-INF/versions/") && name.endsWith(".class")) {
                String rest = name.substring("META-INF/versions/".length());
                names.add(rest.substring(rest.indexOf('/') + 1));
            }
        }
        return names;
    }
}
