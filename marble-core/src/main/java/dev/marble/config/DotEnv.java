package dev.marble.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code .env} file, read as python-dotenv reads it (which is how LLMProc's users wrote theirs):
 * {@code KEY=VALUE} lines, an optional {@code export } in front, values bare (an inline {@code #} after a space starts
 * a comment), in single quotes (taken as written) or in double quotes ({@code \n}, {@code \t}, {@code \"} and
 * {@code \\} unescaped); a quoted value may span lines (a PEM key, say). Blank lines and {@code #} comments are
 * skipped. A line that is none of these is a problem naming file and line, never its text (it may hold a secret).
 *
 * @param entries  the assignments, in file order (a later one of the same key replaces an earlier one when applied)
 * @param problems one line each: {@code FILE:LINE: what is wrong}
 */
public record DotEnv(List<Entry> entries, List<String> problems) {

    /**
     * {@code key=value} from line {@code line} of {@code file}.
     *
     * @param expands whether {@code ${NAME}} in the value is to be replaced (bare and double-quoted values, not
     *                single-quoted ones, as python-dotenv does)
     */
    public record Entry(String key, String value, Path file, int line, boolean expands) {
        @Override
        public String toString() {
            return "Entry[" + key + " at " + file + ":" + line + "]"; // never the value
        }
    }

    private static final Pattern ASSIGNMENT =
            Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*=\\s*(.*)$", Pattern.DOTALL);

    public DotEnv {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    public static DotEnv parse(Path file, String text) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
            Matcher m = ASSIGNMENT.matcher(line);
            if (!m.matches()) {
                problems.add(file + ":" + lineNumber + ": expected KEY=VALUE (or export KEY=VALUE); line ignored");
                continue;
            }
            String key = m.group(1);
            String rest = m.group(2);
            if (rest.startsWith("\"") || rest.startsWith("'")) {
                char quote = rest.charAt(0);
                StringBuilder raw = new StringBuilder(rest.substring(1));
                int close = closingQuote(raw, quote);
                int last = i;
                while (close < 0 && last + 1 < lines.length) {
                    raw.append('\n').append(lines[++last]);
                    close = closingQuote(raw, quote);
                }
                if (close < 0) {
                    problems.add(file + ":" + lineNumber + ": " + key + " opens a "
                            + (quote == '"' ? "double" : "single") + " quote that is never closed; line ignored");
                    continue;
                }
                String after = raw.substring(close + 1).strip();
                if (!after.isEmpty() && !after.startsWith("#")) {
                    problems.add(
                            file + ":" + (last + 1) + ": " + key + " has text after its closing quote; line ignored");
                    i = last;
                    continue;
                }
                String inside = raw.substring(0, close);
                entries.add(new Entry(key, quote == '"' ? unescape(inside) : inside, file, lineNumber, quote == '"'));
                i = last;
            } else {
                entries.add(new Entry(key, bare(rest), file, lineNumber, true));
            }
        }
        return new DotEnv(entries, problems);
    }

    /** The index of the quote that closes the value, skipping escaped ones in double quotes; -1 when none. */
    private static int closingQuote(CharSequence text, char quote) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '"', '\\', '\'' -> out.append(next);
                default -> out.append('\\').append(next);
            }
        }
        return out.toString();
    }

    /** A bare value ends at a {@code #} that follows whitespace; surrounding whitespace is not part of it. */
    private static String bare(String rest) {
        for (int i = 0; i < rest.length(); i++) {
            if (rest.charAt(i) == '#' && (i == 0 || Character.isWhitespace(rest.charAt(i - 1)))) {
                return rest.substring(0, i).strip();
            }
        }
        return rest.strip();
    }
}
