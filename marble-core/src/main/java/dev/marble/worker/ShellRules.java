package dev.marble.worker;

import dev.marble.tool.approval.Decision;

import java.util.List;

/**
 * llm-do's shell toolset policy, exactly: a command with a shell metacharacter, or one that cannot be
 * split into words, is refused; otherwise the first rule whose pattern is a prefix of the command
 * decides whether it runs freely or is asked about; with no match the {@code default} decides, and
 * with no default the command is refused (a whitelist). {@link ShellApprovalMapping} turns this into
 * Marble's {@code run_command(...)} rules, as closely as an unordered rule set allows.
 *
 * @param defaultApprovalRequired the {@code default: {approval_required}} setting; null when there is no default
 */
public record ShellRules(List<Rule> rules, Boolean defaultApprovalRequired) {

    /** One {@code {pattern, approval_required}} entry; llm-do matched the pattern as a plain string prefix. */
    public record Rule(String pattern, boolean approvalRequired) {}

    /** What llm-do would do with a command, and why. */
    public record Verdict(Decision decision, String reason) {}

    /** In llm-do's order; {@code $(} and <code>${</code> are caught before the bare {@code $} would matter. */
    public static final List<String> METACHARACTERS = List.of("|", ">", "<", ";", "&", "`", "$(", "${");

    public static final ShellRules NONE = new ShellRules(List.of(), null);

    public ShellRules {
        rules = List.copyOf(rules);
    }

    public Verdict decide(String command) {
        for (String meta : METACHARACTERS) {
            if (command.contains(meta)) {
                return new Verdict(Decision.DENY, "the command contains the shell metacharacter '" + meta + "'");
            }
        }
        String unsplittable = ShellWords.problem(command);
        if (unsplittable != null) return new Verdict(Decision.DENY, "the command cannot be split into words: " + unsplittable);
        for (Rule rule : rules) {
            if (command.startsWith(rule.pattern())) {
                return new Verdict(rule.approvalRequired() ? Decision.ASK : Decision.ALLOW,
                        "shell rule '" + rule.pattern() + "'");
            }
        }
        if (defaultApprovalRequired != null) {
            return new Verdict(defaultApprovalRequired ? Decision.ASK : Decision.ALLOW, "shell default");
        }
        return new Verdict(Decision.DENY, "the command is not in the whitelist (no rule matches and there is no default)");
    }
}
