package dev.marble.tool.approval;

import dev.marble.error.ConfigException;
import dev.marble.error.SourceLocation;
import dev.marble.tool.ShellCommandSubject;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configured rule, written as Claude Code writes permission rules: a tool name, or a tool name
 * with an argument pattern in parentheses. {@code *} matches any run of characters in either part:
 * {@code read_file}, {@code files_*}, {@code run_command(git status*)}, {@code write_file(docs/*)},
 * {@code everything__*}. The argument pattern matches the tool's approval subject: the path of a file
 * call as text; the command of a shell call per simple command of the parsed line ({@link ShellCommandSubject}).
 *
 * @param argument what the parenthesised part says; null when the rule names the tool alone
 */
public record ApprovalRule(Decision decision, String text, Pattern tool, RuleArgument argument, SourceLocation where) {

    public ApprovalRule {
        Objects.requireNonNull(decision);
        Objects.requireNonNull(tool);
    }

    public static ApprovalRule parse(Decision decision, String text, SourceLocation where) {
        String rule = text.strip();
        int open = rule.indexOf('(');
        if (open < 0) {
            requireName(rule, text, where);
            return new ApprovalRule(decision, text, glob(rule), null, where);
        }
        if (!rule.endsWith(")")) {
            throw new ConfigException(
                    where, "approval rule '" + text + "' opens '(' without closing it; expected tool or tool(pattern)");
        }
        String name = rule.substring(0, open).strip();
        requireName(name, text, where);
        return new ApprovalRule(
                decision, text, glob(name), RuleArgument.Glob.of(rule.substring(open + 1, rule.length() - 1)), where);
    }

    private static void requireName(String name, String text, SourceLocation where) {
        if (name.isEmpty() || !name.matches("[A-Za-z0-9_*.-]+")) {
            throw new ConfigException(
                    where,
                    "approval rule '" + text
                            + "' needs a tool name (letters, digits, _ - . and *), optionally followed by (pattern)");
        }
    }

    /** Whether this rule is about {@code toolName} at all. */
    public boolean appliesTo(String toolName) {
        return tool.matcher(toolName).matches();
    }

    /** Whether this rule speaks about a call of {@code toolName} whose subject, read as text, is {@code subject}. */
    public boolean matches(String toolName, String subject) {
        if (!appliesTo(toolName)) return false;
        if (argument == null) return true;
        return subject != null && argument.matchesText(subject);
    }

    /** " (marble.json:3)", or nothing for a rule from the command line. */
    String location() {
        return where == null || where.file() == null
                ? ""
                : " (" + where.file().getFileName() + (where.line() > 0 ? ":" + where.line() : "") + ")";
    }

    /** {@code *} matches any run of characters; everything else matches itself. */
    static Pattern glob(String glob) {
        String[] pieces = glob.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pieces.length; i++) {
            if (i > 0) regex.append(".*");
            regex.append(Pattern.quote(pieces[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
