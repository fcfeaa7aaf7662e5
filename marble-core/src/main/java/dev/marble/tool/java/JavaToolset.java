package dev.marble.tool.java;

import dev.marble.error.UsageException;
import dev.marble.tool.Tool;
import dev.marble.tool.Toolset;
import dev.marble.tool.annotation.ToolAnnotations;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code @Tool} methods of one class as a toolset: static methods, and instance methods either on an instance
 * the caller gives ({@link #of(Object)}, so the tools can use what was injected into it) or on one made with the
 * public no-arg constructor ({@link #of(Class, String)}, for classes Marble loads from a file). An instance Marble
 * made and that is {@link AutoCloseable} is closed with the toolset, so a class may hold a connection for its
 * tools; an instance the caller gave stays the caller's to close.
 */
public final class JavaToolset implements Toolset {

    private final String name;
    private final List<Tool> tools;
    /** The instance Marble made, closed with the toolset; null when there is none or the caller gave it. */
    private final Object instance;

    private final AutoCloseable resources;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JavaToolset(String name, List<Tool> tools, Object instance, AutoCloseable resources) {
        this.name = name;
        this.tools = tools;
        this.instance = instance;
        this.resources = resources;
    }

    /**
     * The {@code @Tool} methods of {@code instance}, called on it; the toolset is named after its class. A
     * {@link Class} given here is taken as {@link #of(Class)}.
     *
     * @throws UsageException when the class has no {@code @Tool} method, one is not public, two have one name, or a
     *     parameter has no name or no JSON form
     */
    public static JavaToolset of(Object instance) {
        Objects.requireNonNull(instance, "instance");
        if (instance instanceof Class<?> type) return of(type);
        Class<?> type = instance.getClass();
        String name = nameOf(type);
        List<Tool> tools = new ArrayList<>();
        for (JavaTool tool : tools(toolMethods(type, name), name)) tools.add(tool.on(instance));
        return new JavaToolset(name, List.copyOf(tools), null, () -> {});
    }

    /** The tools of {@code type}, named after it; see {@link #of(Class, String)}. */
    public static JavaToolset of(Class<?> type) {
        return of(type, nameOf(type));
    }

    /** An anonymous class has no simple name; its binary name ("Main$1") still tells where it is. */
    private static String nameOf(Class<?> type) {
        return type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
    }

    /** The tools of {@code type}, named {@code name} for people ("Tools.java", "tools.jar: com.acme.Tools"). */
    public static JavaToolset of(Class<?> type, String name) {
        return of(type, name, () -> {});
    }

    /**
     * As {@link #of(Class, String)}, and {@code resources} (the class loader the class came from) are
     * closed with the toolset.
     *
     * @throws UsageException when the class has no {@code @Tool} method, one is not public, two have
     *     one name, a parameter has no name or no JSON form, or the class cannot be instantiated
     */
    public static JavaToolset of(Class<?> type, String name, AutoCloseable resources) {
        List<Method> methods = toolMethods(type, name);
        // Every schema is checked before the constructor runs, which may be costly (a connection).
        List<JavaTool> unbound = tools(methods, name);
        boolean allStatic = methods.stream().allMatch(m -> Modifier.isStatic(m.getModifiers()));
        Object instance = allStatic ? null : instantiate(type, name);
        List<Tool> tools = new ArrayList<>();
        for (JavaTool tool : unbound) tools.add(tool.on(instance));
        return new JavaToolset(name, List.copyOf(tools), instance, resources);
    }

    private static List<JavaTool> tools(List<Method> methods, String name) {
        Map<String, JavaTool> byName = new LinkedHashMap<>();
        Map<String, Method> methodOf = new LinkedHashMap<>();
        for (Method method : methods) {
            // A class that is not public (a Tools.java without "public") is still the user's choice.
            method.setAccessible(true);
            JavaTool tool = JavaTool.of(method, name);
            Method earlier = methodOf.putIfAbsent(tool.name(), method);
            if (earlier != null) {
                throw new UsageException(name + ": two @Tool methods are named '" + tool.name() + "': "
                        + JavaTool.describe(earlier) + " and " + JavaTool.describe(method)
                        + "; give one another name with @Tool(name = \"...\")");
            }
            byName.put(tool.name(), tool);
        }
        return List.copyOf(byName.values());
    }

    /** Whether {@code type} declares or inherits a method marked {@code @Tool}, public or not. */
    public static boolean hasTools(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (isTool(method)) return true;
            }
        }
        return false;
    }

    /** The public @Tool methods, in a stable order; a non-public one is an error rather than ignored. */
    private static List<Method> toolMethods(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (isTool(method) && !Modifier.isPublic(method.getModifiers())) {
                    throw new UsageException(name + ": @Tool method " + JavaTool.describe(method) + " must be public");
                }
            }
        }
        List<Method> methods = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (isTool(method)) methods.add(method);
        }
        if (methods.isEmpty()) {
            throw new UsageException(name + ": class " + type.getName()
                    + " has no method marked @Tool; mark each method a model may call with @"
                    + dev.marble.api.Tool.class.getName());
        }
        // getMethods() has no defined order; sort so the model sees the same list every run.
        methods.sort(Comparator.comparing(JavaTool::nameOf).thenComparing(JavaTool::describe));
        return methods;
    }

    private static boolean isTool(Method method) {
        // javac copies annotations onto bridge methods; the real method is the tool.
        return !method.isBridge() && !method.isSynthetic() && ToolAnnotations.isTool(method);
    }

    private static Object instantiate(Class<?> type, String name) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new UsageException(name + ": class " + type.getName()
                    + " is abstract, so its instance @Tool methods have nothing to run on; make them static");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new UsageException(name + ": class " + type.getName() + " has instance @Tool methods, so it needs"
                    + " a public constructor without parameters (or make the methods static)");
        }
        try {
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new UsageException(name + ": new " + type.getSimpleName() + "() failed: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new UsageException(name + ": cannot make a " + type.getName() + ": " + e, e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Tool> tools() {
        return tools;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        Exception failure = null;
        if (instance instanceof AutoCloseable closeable) failure = closeCatching(closeable, null);
        failure = closeCatching(resources, failure); // the loader, even when the instance failed
        if (failure instanceof RuntimeException runtime) throw runtime;
        if (failure != null) throw new IllegalStateException(name + ": closing failed: " + failure, failure);
    }

    private static Exception closeCatching(AutoCloseable closeable, Exception earlier) {
        try {
            closeable.close();
            return earlier;
        } catch (Exception e) {
            if (earlier == null) return e;
            earlier.addSuppressed(e);
            return earlier;
        }
    }
}
