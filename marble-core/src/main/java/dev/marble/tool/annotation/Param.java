package dev.marble.tool.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a parameter of a {@link Tool} method for the model; see {@link Tool} for an example.
 * Also allowed on the fields and record components of a parameter's own type, where it gives the
 * property a description and says whether it is required (there Jackson names the property: use
 * {@code @JsonProperty} to rename it, not {@link #name()}). {@link dev.marble.api.Param} means the same.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Param {

    /** What the argument means, as the model reads it. */
    String value() default "";

    /**
     * The argument's name in the tool's schema; the compiled parameter name when empty. Needed for
     * classes compiled without {@code -parameters} (Marble compiles a .java file with it, a jar
     * may have been built without it).
     */
    String name() default "";

    /**
     * Whether the model must pass it. When it does not, the method receives null, zero or false,
     * or an empty {@code Optional}; an {@code Optional} parameter is never required.
     */
    boolean required() default true;
}
