package dev.marble.tool.shell;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The argument of a rule such as {@code run_command(git status*)}, read as shell words: it is matched
 * against each simple command of a command line, never against the text as a whole. {@code *} matches
 * any run of characters, across words too; quotes in the pattern make what they hold literal.
 *
 * <p>It is read two ways. {@link #allows} is strict, for allow rules: the command's words, joined, must
 * match the pattern's words, joined, exactly as written. {@link #catches} is lenient, for deny and ask
 * rules: the program is compared by base name behind any wrapper ({@link Invocations}), the pattern's
 * options must all be present however they are spelled ({@link OptionAliases}), its other words must
 * appear in order, and extra words in the command do not matter. So {@code rm -rf*} catches
 * {@code /bin/rm -r -f x} and {@code command rm --force --recursive x}.
 */
public final class CommandPattern {

    /** Joins words for strict matching; no shell word can contain it. */
    private static final char SEPARATOR = '\0';

    private final String text;
    private final boolean everything;
    private final Pattern joined;
    private final Pattern program;
    private final List<String> options;
    private final List<Pattern> operands;

    private CommandPattern(String text, List<RuleWord> words) {
        this.text = text;
        this.everything = words.stream().allMatch(w -> w.glob().equals("*"));
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) regex.append(SEPARATOR);
            regex.append(words.get(i).regex());
        }
        this.joined = Pattern.compile(regex.toString(), Pattern.DOTALL);
        this.program = words.isEmpty() ? Pattern.compile(".*", Pattern.DOTALL) : baseNameGlob(words.getFirst());
        List<String> opts = new ArrayList<>();
        List<Pattern> rest = new ArrayList<>();
        for (RuleWord word : words.subList(Math.min(1, words.size()), words.size())) {
            if (word.glob().equals("*")) continue;
            String option = word.glob().endsWith("*")
                    ? word.glob().substring(0, word.glob().length() - 1)
                    : word.glob();
            if (OptionAliases.isOption(option) && !option.contains("*")) {
                opts.add(option);
            } else {
                rest.add(Pattern.compile(word.regex(), Pattern.DOTALL));
            }
        }
        this.options = List.copyOf(opts);
        this.operands = List.copyOf(rest);
    }

    /** Reads a rule's argument pattern. Never fails: unbalanced quotes are taken literally. */
    public static CommandPattern parse(String pattern) {
        return new CommandPattern(pattern, words(pattern.strip()));
    }

    public String text() {
        return text;
    }

    /** {@code *} (or nothing but stars): every command, as the bare tool name would say. */
    public boolean everything() {
        return everything;
    }

    /** Strict, for allow rules: the words of {@code command} as written match the pattern's words. */
    public boolean allows(List<String> words) {
        return joined.matcher(String.join(String.valueOf(SEPARATOR), words)).matches();
    }

    /** Lenient, for deny and ask rules: whether this invocation is what the pattern speaks of. */
    public boolean catches(Invocations.Invocation invocation) {
        if (everything) return true;
        if (!program.matcher(invocation.program()).matches()) return false;
        if (invocation.arguments().stream().anyMatch(word -> !word.literal())) return true;
        Set<String> given = new HashSet<>();
        List<String> givenLong = new ArrayList<>();
        List<String> givenOperands = new ArrayList<>();
        boolean optionsEnded = false;
        for (Word word : invocation.arguments()) {
            String arg = word.text();
            if (!optionsEnded && arg.equals("--")) {
                optionsEnded = true;
            } else if (!optionsEnded && OptionAliases.isOption(arg)) {
                given.addAll(OptionAliases.canonical(invocation.program(), arg, true));
                if (arg.startsWith("--")) givenLong.add(arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg);
            } else {
                givenOperands.add(arg);
            }
        }
        for (String option : options) {
            if (!present(option, invocation.program(), given, givenLong)) return false;
        }
        int next = 0;
        for (Pattern operand : operands) {
            while (next < givenOperands.size()
                    && !operand.matcher(givenOperands.get(next)).matches()) next++;
            if (next == givenOperands.size()) return false;
            next++;
        }
        return true;
    }

    /** A long option: any of its spellings, or an abbreviation of it; short ones: each letter. */
    private static boolean present(String option, String program, Set<String> given, List<String> givenLong) {
        Set<String> forms = OptionAliases.canonical(program, option, false);
        if (!option.startsWith("--")) return given.containsAll(forms);
        String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
        return forms.stream().anyMatch(given::contains)
                || givenLong.stream().anyMatch(g -> OptionAliases.abbreviates(g, name));
    }

    /** Whether the pattern, having no {@code *}, names exactly this command (the only way to lift a hard block). */
    public boolean namesExactly(String command) {
        return !text.contains("*") && text.strip().equals(command.strip());
    }

    @Override
    public String toString() {
        return text;
    }

    // ---------------------------------------------------------------- reading the pattern

    /** One word of a pattern: as a regex, and as written with unquoted stars kept. */
    private record RuleWord(String regex, String glob) {}

    private static Pattern baseNameGlob(RuleWord first) {
        String glob = first.glob();
        String base = glob.contains("/") ? glob.substring(glob.lastIndexOf('/') + 1) : glob;
        return Pattern.compile(
                words(base).isEmpty() ? ".*" : words(base).getFirst().regex(), Pattern.DOTALL);
    }

    private static List<RuleWord> words(String pattern) {
        List<RuleWord> out = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        StringBuilder glob = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                    glob.append(c == '*' ? '?' : c);
                }
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\n') {
                if (inWord) out.add(new RuleWord(regex.toString(), glob.toString()));
                regex.setLength(0);
                glob.setLength(0);
                inWord = false;
                continue;
            }
            inWord = true;
            if ((c == '\'' || c == '"') && pattern.indexOf(c, i + 1) > i) {
                quote = c;
            } else if (c == '\\' && i + 1 < pattern.length()) {
                char escaped = pattern.charAt(++i);
                regex.append(Pattern.quote(String.valueOf(escaped)));
                glob.append(escaped == '*' ? '?' : escaped);
            } else if (c == '*') {
                regex.append(".*");
                glob.append('*');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                glob.append(c);
            }
        }
        if (inWord) out.add(new RuleWord(regex.toString(), glob.toString()));
        return out;
    }
}
