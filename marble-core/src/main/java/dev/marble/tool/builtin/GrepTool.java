package dev.marble.tool.builtin;

import dev.marble.json.JsonSchemas;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.ToolResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/** {@code grep}: lines matching a Java regular expression, in the text files under a path. */
final class GrepTool extends FileTool {

    static final int DEFAULT_MAX_RESULTS = 200;
    static final int MAX_MAX_RESULTS = 2000;
    static final int MAX_LINE_CHARS = 500;

    GrepTool() {
        super(
                "grep",
                """
                Search file contents with a regular expression (Java syntax, close to PCRE: \
                \\s, \\d, \\b, (a|b), .*?). Searches one file, or every text \
                file under a directory (binary files, .git and symbolic links are skipped). \
                Each match is one line of output: `path:line: text`, paths relative to the \
                workspace root, in path order. Patterns match within a single line.""",
                JsonSchemas.object()
                        .string("pattern", "Regular expression to look for in each line.")
                        .string(
                                "path",
                                "File or directory to search, relative to the workspace root. Default: the "
                                        + "workspace root.")
                        .optional()
                        .string(
                                "glob",
                                "Only search files matching this glob, e.g. `*.java` (a pattern without / "
                                        + "matches file names at any depth) or `src/**/*.ts` (matched against the "
                                        + "path under `path`).")
                        .optional()
                        .bool("ignore_case", "Match letters regardless of case. Default false.")
                        .optional()
                        .integer(
                                "max_results",
                                "Stop after this many matching lines. Default " + DEFAULT_MAX_RESULTS + ".",
                                1,
                                MAX_MAX_RESULTS)
                        .optional()
                        .build(),
                ApprovalDefault.ALLOW,
                Effect.READS);
    }

    @Override
    ToolResult run(JsonNode arguments, WorkspacePaths paths) throws IOException, InterruptedException {
        String regex = Args.string(arguments, "pattern");
        Path target = paths.resolve(Args.string(arguments, "path", "."));
        String glob = Args.string(arguments, "glob", null);
        boolean ignoreCase = Args.flag(arguments, "ignore_case");
        int maxResults = Args.integer(arguments, "max_results", DEFAULT_MAX_RESULTS, 1, MAX_MAX_RESULTS);
        String name = paths.relative(target);

        Pattern pattern = compile(regex, ignoreCase);
        PathMatcher globMatcher = glob == null ? null : Globs.matcher(glob);
        if (!Files.exists(target)) throw new ToolFailure("'" + name + "' does not exist");

        boolean directory = Files.isDirectory(target);
        List<String> results = new ArrayList<>();
        int searched = 0;
        int binary = 0;
        for (Path file : directory ? FileWalk.files(target) : List.of(target)) {
            if (globMatcher != null && directory && !Globs.matches(globMatcher, glob, target.relativize(file)))
                continue;
            if (TextFiles.isBinary(file)) {
                binary++;
                continue;
            }
            searched++;
            if (search(file, paths.relative(file), pattern.matcher(""), results, maxResults + 1)) break;
        }

        if (results.isEmpty()) {
            String skipped =
                    binary == 0 ? "" : " (" + TextFiles.plural(binary, "binary file", "binary files") + " skipped)";
            return ToolResult.ok("No matches for '" + regex + "' in " + TextFiles.plural(searched, "file", "files")
                    + " under '" + name + "'" + skipped + ".");
        }
        if (results.size() <= maxResults) return ToolResult.ok(String.join("\n", results));
        return ToolResult.ok(String.join("\n", results.subList(0, maxResults)) + "\n(Stopped after " + maxResults
                + " matching lines; there are more. Narrow the pattern, path or glob, or raise max_results.)");
    }

    private static Pattern compile(String regex, boolean ignoreCase) {
        try {
            return Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        } catch (PatternSyntaxException e) {
            String at = e.getIndex() >= 0 ? " at index " + e.getIndex() : "";
            throw new ToolFailure("invalid regular expression '" + regex + "': " + e.getDescription() + at
                    + " (Java regex syntax; escape literal characters such as ( [ { . * + ? with a backslash)");
        }
    }

    /** Adds the file's matching lines; true once {@code limit} results are reached. */
    private static boolean search(Path file, String name, Matcher matcher, List<String> results, int limit)
            throws IOException, InterruptedException {
        try (BufferedReader in = new BufferedReader(TextFiles.lenientReader(file))) {
            long lineNumber = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (!matcher.reset(new Interruptible(line)).find()) continue;
                results.add(name + ":" + lineNumber + ": " + shorten(line));
                if (results.size() >= limit) return true;
            }
        } catch (Interruptible.Stopped e) {
            Thread.interrupted();
            throw new InterruptedException("grep was interrupted");
        }
        return false;
    }

    private static String shorten(String line) {
        if (line.length() <= MAX_LINE_CHARS) return line;
        return line.substring(0, MAX_LINE_CHARS) + " ... [line cut: " + (line.length() - MAX_LINE_CHARS)
                + " more characters]";
    }

    /**
     * A line that stops the regex engine when the thread is interrupted. java.util.regex never
     * checks for interruption, so a catastrophically backtracking pattern would otherwise outlive
     * the time limit that interrupts the tool.
     */
    private record Interruptible(CharSequence text) implements CharSequence {

        static final class Stopped extends RuntimeException {
            Stopped() {
                super(null, null, false, false);
            }
        }

        @Override
        public char charAt(int index) {
            if (Thread.currentThread().isInterrupted()) throw new Stopped();
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Interruptible(text.subSequence(start, end));
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
