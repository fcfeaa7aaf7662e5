package dev.marble.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method as a tool a model may call. Give an agent the object that holds such methods
 * ({@code Agent.builder("helper").tools(new Tools(database))}), or name a {@code .java} file or a jar of such classes
 * on the command line ({@code marble loop --functions Tools.java}):
 *
 * <pre>{@code
 * import dev.marble.api.*;
 *
 * public class Tools {
 *     @Tool("Adds two numbers")                       // value = description; name defaults to the method name
 *     public int add(@Param("first addend") int a, @Param("second addend") int b) { return a + b; }
 *
 *     @Tool(name = "read_note", value = "Reads a note", preApproved = true)
 *     public String readNote(@Param("note title") String title) { ... }
 * }
 * }</pre>
 *
 * <p>The method may be static or an instance method; instance methods run on the object given, or, for a class
 * Marble loads from a file, on one instance made with its public no-arg constructor, possibly from several threads at
 * once. Its parameters become the tool's JSON schema (a {@code dev.marble.tool.ToolContext} parameter is passed in,
 * not asked of the model). A String result is given to the model as it is, void or null as "done", a
 * {@code dev.marble.tool.ToolResult} as it is, anything else as JSON. What the method throws becomes an error result
 * the model sees.
 *
 * <p>This annotation and {@link Param} are part of marble-core, in the package of the library API, so that a tool
 * file Marble compiles needs nothing but Marble's core; the older {@code dev.marble.tool.annotation.Tool} means the
 * same and keeps working.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Tool {

    /**
     * What the tool does, as the model reads it: when to call it and what it gives back. Required, because a model
     * picks tools by their descriptions.
     */
    String value();

    /** The tool's name as the model sees it; the method's name when empty. Letters, digits, _ and -. */
    String name() default "";

    /**
     * Whether a call may run without asking when no approval rule matches. Only for tools that read and change
     * nothing; the default asks, as for every tool that may write or reach outside.
     */
    boolean preApproved() default false;
}
