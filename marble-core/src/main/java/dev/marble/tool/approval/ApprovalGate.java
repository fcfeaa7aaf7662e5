package dev.marble.tool.approval;

import dev.marble.json.Json;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolAlias;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Policy, approver and session memory together: every tool call passes here before it runs. An
 * "approve for this session" answer covers the same tool with the same arguments (compared as
 * canonical JSON, key order ignored) for the rest of the run; a deny rule still wins over it.
 */
public final class ApprovalGate {

    /** The outcome and who decided it: "policy", "session", or the approver by its name. */
    public record Verdict(boolean allowed, Decision policyDecision, String decidedBy, String reason) {}

    private final ApprovalPolicy policy;
    private final Approver approver;
    private final Set<String> approvedForSession = ConcurrentHashMap.newKeySet();
    /**
     * One question at a time: calls run in parallel (agents handed work at once, and their own tools,
     * which pass this gate too) must not talk over each other at the terminal.
     */
    private final ReentrantLock oneQuestionAtATime = new ReentrantLock();

    public ApprovalGate(ApprovalPolicy policy, Approver approver) {
        this.policy = policy;
        this.approver = approver;
    }

    public static ApprovalGate allowingEverything() {
        return new ApprovalGate(new ApprovalPolicy(List.of(), false), Approver.approveAll());
    }

    /**
     * Whether a call may run; {@code asking} hears the policy's reason just before an approver is
     * asked (so the question can be announced), and {@code workspace} is where the call's paths lie.
     */
    public Verdict check(
            Tool tool, String source, JsonNode arguments, String runId, Path workspace, Consumer<String> asking) {
        // An alias (llm-loop's run_shell_command, file_path) is judged as the tool it stands for, by its rules.
        if (tool instanceof ToolAlias alias) {
            return check(alias.target(), source, alias.translate(arguments), runId, workspace, asking);
        }
        ApprovalPolicy.PolicyDecision decision = policy.decide(tool, arguments, workspace);
        decision = ProtectedFileScreen.screen(decision, policy.rules(), tool, arguments, workspace);
        return switch (decision.decision()) {
            case DENY -> new Verdict(false, Decision.DENY, "policy", decision.reason());
            case BLOCK -> new Verdict(false, Decision.BLOCK, "policy", "blocked: " + decision.reason());
            case ALLOW -> new Verdict(true, Decision.ALLOW, "policy", decision.reason());
            case ASK -> ask(tool, source, arguments, runId, decision, workspace, asking);
        };
    }

    private Verdict ask(
            Tool tool,
            String source,
            JsonNode arguments,
            String runId,
            ApprovalPolicy.PolicyDecision decision,
            Path workspace,
            Consumer<String> asking) {
        String key = tool.name() + " " + canonical(arguments);
        if (approvedForSession.contains(key)) {
            return new Verdict(true, Decision.ASK, "session", "approved earlier in this run for the same arguments");
        }
        ApprovalAnswer answer;
        oneQuestionAtATime.lock();
        try {
            if (approvedForSession.contains(key)) {
                return new Verdict(
                        true, Decision.ASK, "session", "approved earlier in this run for the same arguments");
            }
            asking.accept(decision.reason());
            answer = approver.ask(new ApprovalRequest(
                    runId,
                    tool.name(),
                    source,
                    arguments,
                    tool.approvalSubject(arguments, workspace),
                    decision.reason()));
        } finally {
            oneQuestionAtATime.unlock();
        }
        return switch (answer) {
            case ApprovalAnswer.Once once -> new Verdict(true, Decision.ASK, approver.name(), "approved once");
            case ApprovalAnswer.ForSession session -> {
                approvedForSession.add(key);
                yield new Verdict(true, Decision.ASK, approver.name(), "approved for this run");
            }
            case ApprovalAnswer.Denied denied ->
                new Verdict(
                        false,
                        Decision.ASK,
                        approver.name(),
                        denied.reason() == null || denied.reason().isBlank() ? "denied" : "denied: " + denied.reason());
        };
    }

    /** JSON with object keys sorted at every level, so {"a":1,"b":2} and {"b":2,"a":1} are one key. */
    static String canonical(JsonNode node) {
        return Json.write(sorted(node));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            node.forEachEntry((name, value) -> fields.put(name, sorted(value)));
            ObjectNode out = Json.object();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            var out = Json.array();
            node.forEach(item -> out.add(sorted(item)));
            return out;
        }
        return node;
    }
}
