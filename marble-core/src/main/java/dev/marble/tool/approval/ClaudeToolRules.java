package dev.marble.tool.approval;

import dev.marble.error.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a chain's {@code allowed_tools} (Claude Code's tool names, as llmauto passes them to {@code --allowedTools})
 * as Marble approval rules, so a link moved from a Claude model to {@code anthropic:} or {@code openai:} keeps the
 * permissions its chain gave it: {@code Write} allows Marble's {@code write_file}, {@code Bash(git *)} allows
 * {@code run_command(git *)}, and Claude Code's prefix form {@code Bash(git:*)} allows {@code run_command(git)} and
 * {@code run_command(git *)}. Shell rules are read as Marble reads every {@code run_command} rule: per simple
 * command, never past a program's known hazards (so {@code Bash(git *)} does not allow {@code git status; touch x}
 * or {@code git -c alias.x=!… x}). Names with no Marble counterpart (WebFetch, say) allow nothing.
 */
public final class ClaudeToolRules {

    private static final Map<String, List<String>> MARBLE_TOOLS = Map.of(
            "read", List.of("read_file", "list_directory", "glob", "grep"),
            "ls", List.of("list_directory"),
            "glob", List.of("glob"),
            "grep", List.of("grep"),
            "edit", List.of("edit_file"),
            "multiedit", List.of("edit_file"),
            "write", List.of("write_file", "make_directory"),
            "bash", List.of("run_command"));

    private ClaudeToolRules() {}

    public static List<ApprovalRule> allowRules(List<String> claudeTools, SourceLocation where) {
        List<ApprovalRule> rules = new ArrayList<>();
        for (String entry : claudeTools) {
            String name = entry.strip();
            String pattern = null;
            int open = name.indexOf('(');
            if (open > 0 && name.endsWith(")")) {
                pattern = name.substring(open + 1, name.length() - 1);
                name = name.substring(0, open);
            }
            for (String tool : MARBLE_TOOLS.getOrDefault(name.toLowerCase(Locale.ROOT), List.of())) {
                if (pattern != null && pattern.endsWith(":*")) {
                    // Claude Code's prefix form: the command itself, or it followed by more words.
                    String prefix = pattern.substring(0, pattern.length() - 2).strip();
                    rules.add(ApprovalRule.parse(Decision.ALLOW, tool + "(" + prefix + ")", where));
                    rules.add(ApprovalRule.parse(Decision.ALLOW, tool + "(" + prefix + " *)", where));
                } else {
                    rules.add(ApprovalRule.parse(
                            Decision.ALLOW, pattern == null ? tool : tool + "(" + pattern + ")", where));
                }
            }
        }
        return rules;
    }
}
