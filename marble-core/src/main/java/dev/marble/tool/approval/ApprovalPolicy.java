package dev.marble.tool.approval;

import dev.marble.config.ConfigLayer;
import dev.marble.config.MarbleConfig;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.Tool;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides allow, ask or deny for each tool call, as Claude Code's permission pipeline does: a
 * matching deny rule always wins, then a matching ask rule, then a matching allow rule, then the
 * tool's own default (reads allowed; writes, shell, Java and MCP tools asked about). Rules come from
 * {@code approvals.deny / ask / allow} in every configuration file, all of them together, so a
 * global deny cannot be undone by a project.
 */
public final class ApprovalPolicy {

    /** A decision and what made it, for the journal and for the person asked. */
    public record PolicyDecision(Decision decision, String reason) {}

    private final List<ApprovalRule> rules;
    private final boolean askEverything;

    public ApprovalPolicy(List<ApprovalRule> rules, boolean askEverything) {
        this.rules = List.copyOf(rules);
        this.askEverything = askEverything;
    }

    /**
     * The configured rules, plus {@code extra} ones (from the command line). With
     * {@code askEverything} (llm-loop's --tools-approve) every call that is not denied is asked about.
     */
    public static ApprovalPolicy from(MarbleConfig config, List<ApprovalRule> extra, boolean askEverything) {
        List<ApprovalRule> rules = new ArrayList<>(extra);
        for (ConfigLayer layer : config.layers()) {
            for (Decision decision : Decision.values()) {
                String key = decision.name().toLowerCase(java.util.Locale.ROOT);
                JsonPointer pointer = JsonPointer.compile("/approvals/" + key);
                JsonNode list = layer.document().root().at(pointer);
                for (int i = 0; i < list.size(); i++) {
                    String field = "approvals." + key + "[" + i + "]";
                    rules.add(ApprovalRule.parse(decision, list.get(i).asString(),
                            layer.document().valueAt(pointer.appendIndex(i), field)));
                }
            }
        }
        return new ApprovalPolicy(rules, askEverything);
    }

    /** Every rule, command line's first, for {@link ProtectedFileScreen}, which lifts its deny only for a rule naming a file. */
    List<ApprovalRule> rules() {
        return rules;
    }

    public PolicyDecision decide(Tool tool, JsonNode arguments, java.nio.file.Path workspace) {
        String name = tool.name();
        String subject = tool.approvalSubject(arguments, workspace);
        ApprovalRule allow = null;
        ApprovalRule ask = null;
        for (ApprovalRule rule : rules) {
            if (!rule.matches(name, subject)) continue;
            switch (rule.decision()) {
                case DENY -> {
                    return new PolicyDecision(Decision.DENY, "denied by rule '" + rule.text() + "'" + where(rule));
                }
                case ASK -> ask = ask == null ? rule : ask;
                case ALLOW -> allow = allow == null ? rule : allow;
            }
        }
        if (ask != null) return new PolicyDecision(Decision.ASK, "rule '" + ask.text() + "'" + where(ask));
        if (askEverything) return new PolicyDecision(Decision.ASK, "every tool call is confirmed (--tools-approve)");
        if (allow != null) return new PolicyDecision(Decision.ALLOW, "allowed by rule '" + allow.text() + "'" + where(allow));
        return tool.approvalDefault() == ApprovalDefault.ALLOW
                ? new PolicyDecision(Decision.ALLOW, name + " only reads, and is allowed by default")
                : new PolicyDecision(Decision.ASK, name + " needs approval by default");
    }

    private static String where(ApprovalRule rule) {
        return rule.where() == null || rule.where().file() == null ? "" : " (" + rule.where().file().getFileName()
                + (rule.where().line() > 0 ? ":" + rule.where().line() : "") + ")";
    }
}
