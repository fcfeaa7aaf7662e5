package dev.marble.tool.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method as a tool a model may call, for {@code marble loop --functions Tools.java}
 * or {@code --functions tools.jar}:
 *
 * <pre>{@code
 * import dev.marble.tool.annotation.Tool;
 * import dev.marble.tool.annotation.Param;
 * import dev.marble.tool.ToolContext;
 *
 * public class Tools {
 *     @Tool("Adds two numbers")                       // value = description; name defaults to the method name
 *     public int add(@Param("first addend") int a, @Param("second addend") int b) { return a + b; }
 *
 *     @Tool(name = "read_note", value = "Reads a note", preApproved = true)
 *     public String readNote(@Param("note title") String title, ToolContext context) { ... }
 * }
 * }</pre>
 *
 * <p>The method may be static, or an instance method: Marble then makes one instance with the
 * public no-arg constructor and calls every tool on it, possibly from several threads at once. Its
 * parameters become the tool's JSON schema (a {@link dev.marble.tool.ToolContext} parameter is
 * passed in, not asked of the model). A String result is given to the model as it is, void or null
 * as "done", a {@link dev.marble.tool.ToolResult} as it is, anything else as JSON. What the method
 * throws becomes an error result the model sees.
 *
 * <p>{@link dev.marble.api.Tool}, which library users import with the rest of {@code dev.marble.api}, means the
 * same; a class may use either (see {@link ToolAnnotations}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Tool {

    /**
     * What the tool does, as the model reads it: when to call it and what it gives back. Required,
     * because a model picks tools by their descriptions.
     */
    String value();

    /** The tool's name as the model sees it; the method's name when empty. Letters, digits, _ and -. */
    String name() default "";

    /**
     * Whether a call may run without asking when no approval rule matches. Only for tools that read
     * and change nothing; the default asks, as for every tool that may write or reach outside.
     */
    boolean preApproved() default false;
}
