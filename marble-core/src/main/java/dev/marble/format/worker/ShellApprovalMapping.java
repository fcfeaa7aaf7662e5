package dev.marble.format.worker;

import dev.marble.error.SourceLocation;
import dev.marble.tool.approval.ApprovalRule;
import dev.marble.tool.approval.Decision;
import dev.marble.tool.approval.RuleArgument;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns {@link ShellRules} into Marble's {@code run_command(...)} rules. llm-do's refusals become
 * blocks (shell syntax, and with no {@code default}, anything outside the whitelist), which
 * {@code --approve-all} does not lift. llm-do's rules are ordered (first match wins); Marble's are not
 * (deny, then block, then ask, then allow). Where the two cannot agree, Marble asks; each such place
 * becomes a note, so that loading the worker can say so. An allowing rule, like any Marble allow rule
 * for the shell, does not cover a program's known hazards ({@code git -c …}): those are asked about.
 */
final class ShellApprovalMapping {

    static final String TOOL = "run_command";

    private ShellApprovalMapping() {}

    static ApprovalMapping map(ShellRules shell, SourceLocation where) {
        List<ApprovalRule> rules = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        rules.add(rule(Decision.BLOCK, "shell metacharacters", new RuleArgument.ShellSyntax(), where));
        List<ShellRules.Rule> kept = new ArrayList<>();
        for (ShellRules.Rule rule : shell.rules()) {
            // A rule whose every command an earlier rule already catches never decides anything in llm-do.
            if (kept.stream().anyMatch(earlier -> rule.pattern().startsWith(earlier.pattern()))) continue;
            for (ShellRules.Rule earlier : kept) {
                if (!earlier.approvalRequired()
                        && rule.approvalRequired()
                        && earlier.pattern().startsWith(rule.pattern())) {
                    notes.add("commands starting with '" + earlier.pattern()
                            + "' are asked about: llm-do let them run because "
                            + "that rule comes first, but in Marble an asking rule ('" + rule.pattern()
                            + "') beats an allowing one");
                }
            }
            kept.add(rule);
            rules.add(rule(
                    rule.approvalRequired() ? Decision.ASK : Decision.ALLOW,
                    rule.pattern() + "*",
                    new RuleArgument.Prefix(rule.pattern()),
                    where));
        }
        if (shell.defaultApprovalRequired() == null) {
            rules.add(rule(
                    Decision.BLOCK,
                    "not in the whitelist",
                    new RuleArgument.NotPrefixed(
                            kept.stream().map(ShellRules.Rule::pattern).toList()),
                    where));
        } else if (!shell.defaultApprovalRequired()) {
            rules.add(new ApprovalRule(Decision.ALLOW, TOOL, Pattern.compile(TOOL), null, where));
        }
        // default with approval_required: true needs no rule: asking is run_command's own default.
        return new ApprovalMapping(rules, notes);
    }

    /** Built directly rather than parsed, so that a '*' in an llm-do pattern stays a literal character, as it was. */
    private static ApprovalRule rule(Decision decision, String shown, RuleArgument argument, SourceLocation where) {
        return new ApprovalRule(decision, TOOL + "(" + shown + ")", Pattern.compile(TOOL), argument, where);
    }
}
