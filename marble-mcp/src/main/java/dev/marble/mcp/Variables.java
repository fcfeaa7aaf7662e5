package dev.marble.mcp;

import dev.marble.config.Environment;
import dev.marble.error.ConfigException;
import dev.marble.error.SourceLocation;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}} and {@code ${VAR:-default}} in configuration values, as Claude Code's
 * {@code .mcp.json} writes them. A variable that is unset (or empty, as {@link Environment#get}
 * counts it) and has no default is an error at the value that names it: starting a server with a
 * literal {@code ${TOKEN}} would fail later and further from the cause.
 */
final class Variables {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Variables() {}

    static String substitute(String text, Environment environment, Supplier<SourceLocation> where) {
        int start = text.indexOf("${");
        if (start < 0) return text;
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (start >= 0) {
            out.append(text, from, start);
            int end = text.indexOf('}', start + 2);
            if (end < 0) {
                throw new ConfigException(
                        where.get(), "\"${\" without a closing \"}\"; write ${NAME} or ${NAME:-default}");
            }
            String body = text.substring(start + 2, end);
            int separator = body.indexOf(":-");
            String name = separator < 0 ? body : body.substring(0, separator);
            String fallback = separator < 0 ? null : body.substring(separator + 2);
            if (!NAME.matcher(name).matches()) {
                throw new ConfigException(
                        where.get(),
                        "\"${" + body + "}\" does not name an environment variable;"
                                + " write ${NAME} or ${NAME:-default}");
            }
            String value = environment.get(name).orElse(fallback);
            if (value == null) {
                throw new ConfigException(
                        where.get(),
                        "environment variable " + name + " is not set; set it, or give" + " a default: ${" + name
                                + ":-value}");
            }
            out.append(value);
            from = end + 1;
            start = text.indexOf("${", from);
        }
        out.append(text, from, text.length());
        return out.toString();
    }
}
