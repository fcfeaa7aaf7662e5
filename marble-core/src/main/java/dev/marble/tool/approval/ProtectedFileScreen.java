package dev.marble.tool.approval;

import dev.marble.tool.Tool;
import dev.marble.tool.builtin.ProtectedFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Turns a file tool call that would change a file configuring Marble ({@link ProtectedFiles}) into a
 * deny, whatever the policy said: an ask would otherwise be answered yes by {@code --approve-all},
 * and a broad allow such as {@code write_file} (a chain's {@code Write}) or {@code write_file(docs/*)}
 * was never meant to hand an agent its own configuration. Only an allow rule that names the call's
 * path exactly, without {@code *} in it, lifts the deny, as in {@code write_file(chains/nightly.json)};
 * a deny or ask rule the policy found still holds then.
 */
final class ProtectedFileScreen {

    private ProtectedFileScreen() {}

    static ApprovalPolicy.PolicyDecision screen(
            ApprovalPolicy.PolicyDecision decision,
            List<ApprovalRule> rules,
            Tool tool,
            JsonNode arguments,
            Path workspace) {
        if (decision.decision() == Decision.DENY) return decision;
        Optional<ProtectedFiles.Finding> finding = ProtectedFiles.find(tool, arguments, workspace);
        if (finding.isEmpty()) return decision;
        String subject = tool.approvalSubject(arguments, workspace);
        if (rules.stream().anyMatch(rule -> namesExactly(rule, tool.name(), subject))) return decision;
        ProtectedFiles.Finding found = finding.get();
        String lift = tool.name() + "(" + subject + ")";
        return new ApprovalPolicy.PolicyDecision(
                Decision.DENY,
                "protected: '" + found.path() + "' is " + found.why()
                        + "; an agent's file tools may not create, change or delete it, not even with --approve-all"
                        + " (to let them, allow it by name: approvals.allow [\"" + lift + "\"])");
    }

    /** An allow rule whose pattern is the subject itself: {@code write_file(marble.json)}, not {@code write_file(*)}.
     * */
    private static boolean namesExactly(ApprovalRule rule, String toolName, String subject) {
        if (rule.decision() != Decision.ALLOW || subject == null) return false;
        return rule.argument() instanceof RuleArgument.Glob glob && glob.literal() && rule.matches(toolName, subject);
    }
}
