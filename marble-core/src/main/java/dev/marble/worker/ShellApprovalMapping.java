package dev.marble.worker;

import dev.marble.config.SourceLocation;
import dev.marble.tool.approval.ApprovalRule;
import dev.marble.tool.approval.Decision;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns {@link ShellRules} into Marble's {@code run_command(...)} rules. llm-do's rules are ordered
 * (first match wins) and form a whitelist; Marble's are not ordered (deny, then ask, then allow) and
 * fall back to the tool's default, which for {@code run_command} is to ask. Where the two cannot
 * agree, Marble asks; each such place becomes a note, so that loading the worker can say so.
 */
final class ShellApprovalMapping {

    static final String TOOL = "run_command";

    private ShellApprovalMapping() {}

    static ApprovalMapping map(ShellRules shell, SourceLocation where) {
        List<ApprovalRule> rules = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String meta : ShellRules.METACHARACTERS) {
            rules.add(rule(Decision.DENY, "*" + meta + "*", ".*" + Pattern.quote(meta) + ".*", where));
        }
        List<ShellRules.Rule> kept = new ArrayList<>();
        for (ShellRules.Rule rule : shell.rules()) {
            // A rule whose every command an earlier rule already catches never decides anything in llm-do.
            if (kept.stream().anyMatch(earlier -> rule.pattern().startsWith(earlier.pattern()))) continue;
            for (ShellRules.Rule earlier : kept) {
                if (!earlier.approvalRequired() && rule.approvalRequired() && earlier.pattern().startsWith(rule.pattern())) {
                    notes.add("commands starting with '" + earlier.pattern() + "' are asked about: llm-do let them run because "
                            + "that rule comes first, but in Marble an asking rule ('" + rule.pattern() + "') beats an allowing one");
                }
            }
            kept.add(rule);
            rules.add(rule(rule.approvalRequired() ? Decision.ASK : Decision.ALLOW, rule.pattern() + "*",
                    Pattern.quote(rule.pattern()) + ".*", where));
        }
        if (shell.defaultApprovalRequired() == null) {
            notes.add("commands that match no shell rule are asked about; llm-do refused them (there is no 'default')");
        } else if (!shell.defaultApprovalRequired()) {
            rules.add(new ApprovalRule(Decision.ALLOW, TOOL, Pattern.compile(TOOL), null, where));
        }
        // default with approval_required: true needs no rule: asking is run_command's own default.
        return new ApprovalMapping(rules, notes);
    }

    /** Built directly rather than parsed, so that a '*' in an llm-do pattern stays a literal character, as it was. */
    private static ApprovalRule rule(Decision decision, String shown, String argumentRegex, SourceLocation where) {
        return new ApprovalRule(decision, TOOL + "(" + shown + ")", Pattern.compile(TOOL),
                Pattern.compile(argumentRegex, Pattern.DOTALL), where);
    }
}
