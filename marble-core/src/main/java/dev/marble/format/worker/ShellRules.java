package dev.marble.format.worker;

import dev.marble.tool.approval.Decision;
import dev.marble.tool.shell.ParsedCommand;
import dev.marble.tool.shell.ShellCommandLine;
import java.util.List;
import java.util.Optional;

/**
 * llm-do's shell toolset policy: a command that is more than one plain simple command (a shell
 * metacharacter such as {@code | > < ; &}, a newline, a substitution, <code>${</code>) or that cannot be
 * split into words is blocked; otherwise the first rule whose pattern is a prefix of the command
 * decides whether it runs freely or is asked about; with no match the {@code default} decides, and
 * with no default the command is blocked (a whitelist). llm-do looked for metacharacters in the text,
 * and missed the newline; this reads the command with Marble's shell parser, so no operator is missed.
 * {@link ShellApprovalMapping} turns this into Marble's {@code run_command(...)} rules.
 *
 * @param defaultApprovalRequired the {@code default: {approval_required}} setting; null when there is no default
 */
public record ShellRules(List<Rule> rules, Boolean defaultApprovalRequired) {

    /** One {@code {pattern, approval_required}} entry; llm-do matched the pattern as a plain string prefix. */
    public record Rule(String pattern, boolean approvalRequired) {}

    /** What llm-do would do with a command, and why. */
    public record Verdict(Decision decision, String reason) {}

    public static final ShellRules NONE = new ShellRules(List.of(), null);

    static final String NOT_IN_WHITELIST =
            "the command is not in the whitelist (no rule matches and there is no default)";

    public ShellRules {
        rules = List.copyOf(rules);
    }

    public Verdict decide(String command) {
        ParsedCommand parsed = ShellCommandLine.parse(command);
        Optional<String> syntax = ShellCommandLine.shellSyntax(parsed);
        if (syntax.isPresent()) return new Verdict(Decision.BLOCK, syntax.get());
        for (Rule rule : rules) {
            if (command.startsWith(rule.pattern())) {
                return new Verdict(
                        rule.approvalRequired() ? Decision.ASK : Decision.ALLOW, "shell rule '" + rule.pattern() + "'");
            }
        }
        if (defaultApprovalRequired != null) {
            return new Verdict(defaultApprovalRequired ? Decision.ASK : Decision.ALLOW, "shell default");
        }
        return new Verdict(Decision.BLOCK, NOT_IN_WHITELIST);
    }
}
