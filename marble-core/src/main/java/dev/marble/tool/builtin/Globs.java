package dev.marble.tool.builtin;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.regex.PatternSyntaxException;

/**
 * Glob patterns as glob and grep take them ({@code glob:} syntax of java.nio). Java's
 * {@code **}{@code /*.java} needs at least one directory, where models (and most shells with
 * globstar) expect it to match {@code A.java} at the top too; so a leading {@code **}{@code /}
 * also matches nothing.
 */
final class Globs {

    private Globs() {}

    static PathMatcher matcher(String pattern) {
        try {
            PathMatcher exact = compile(pattern);
            if (!pattern.startsWith("**/")) return exact;
            PathMatcher top = compile(pattern.substring(3));
            return path -> exact.matches(path) || top.matches(path);
        } catch (PatternSyntaxException e) {
            throw new ToolFailure("invalid glob pattern '" + pattern + "': " + e.getDescription());
        } catch (IllegalArgumentException e) {
            throw new ToolFailure("invalid glob pattern '" + pattern + "': " + e.getMessage());
        }
    }

    private static PathMatcher compile(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }

    /** A pattern without '/' matches the file name alone, as ripgrep's and git's globs do. */
    static boolean matches(PathMatcher matcher, String pattern, Path relative) {
        return pattern.contains("/") ? matcher.matches(relative) : matcher.matches(relative.getFileName());
    }
}
