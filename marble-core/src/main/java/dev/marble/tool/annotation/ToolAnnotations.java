package dev.marble.tool.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a tool's marks, whichever of the two spellings a class uses: {@link dev.marble.api.Tool} and
 * {@link dev.marble.api.Param}, which library users import with the rest of {@code dev.marble.api}, or this
 * package's {@link Tool} and {@link Param}, which existing tool files and jars use. Both mean the same; where a
 * method or parameter carries both, the {@code dev.marble.api} one is read.
 */
public final class ToolAnnotations {

    /** What {@code @Tool} says about a method. */
    public record ToolMark(String description, String name, boolean preApproved) {}

    /** What {@code @Param} says about a parameter or property. */
    public record ParamMark(String description, String name, boolean required) {}

    /** The annotation types that mark a tool method, the library API's first. */
    public static final List<Class<? extends Annotation>> TOOL_TYPES = List.of(dev.marble.api.Tool.class, Tool.class);

    private ToolAnnotations() {}

    public static boolean isTool(AnnotatedElement method) {
        return tool(method).isPresent();
    }

    public static Optional<ToolMark> tool(AnnotatedElement method) {
        dev.marble.api.Tool api = method.getAnnotation(dev.marble.api.Tool.class);
        if (api != null) return Optional.of(new ToolMark(api.value(), api.name(), api.preApproved()));
        Tool old = method.getAnnotation(Tool.class);
        return old == null ? Optional.empty() : Optional.of(new ToolMark(old.value(), old.name(), old.preApproved()));
    }

    /** The {@code @Param} of a parameter, field or record component; empty when it has none. */
    public static Optional<ParamMark> param(AnnotatedElement element) {
        return param(type -> element.getAnnotation(type));
    }

    /**
     * The {@code @Param} that {@code lookup} finds, for annotation holders that are no {@link AnnotatedElement}
     * (Jackson's view of a property).
     */
    public static Optional<ParamMark> param(Function<Class<? extends Annotation>, Annotation> lookup) {
        if (lookup.apply(dev.marble.api.Param.class) instanceof dev.marble.api.Param api) {
            return Optional.of(new ParamMark(api.value(), api.name(), api.required()));
        }
        if (lookup.apply(Param.class) instanceof Param old) {
            return Optional.of(new ParamMark(old.value(), old.name(), old.required()));
        }
        return Optional.empty();
    }
}
