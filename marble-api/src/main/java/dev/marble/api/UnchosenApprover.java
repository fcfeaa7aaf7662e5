package dev.marble.api;

import dev.marble.tool.approval.ApprovalAnswer;
import dev.marble.tool.approval.ApprovalRequest;
import java.util.Set;
import java.util.TreeSet;

/**
 * The approver of an agent built without one: it refuses every call the policy asks about, and says how to choose
 * one, to the model in the refusal and to the caller in the run's detail. Approving by default would let a model
 * write and run what it likes; refusing in silence leaves the caller wondering why nothing happened.
 */
final class UnchosenApprover implements Approver {

    private final Set<String> refused = new TreeSet<>();

    @Override
    public synchronized ApprovalAnswer ask(ApprovalRequest request) {
        refused.add(request.toolName());
        boolean asked = request.reason() != null && !request.reason().isBlank();
        return new ApprovalAnswer.Denied(
                advice(Set.of(request.toolName())) + (asked ? " (asked because " + request.reason() + ")" : ""));
    }

    @Override
    public String name() {
        return "no approver";
    }

    /** Forgets the calls of the last run. */
    synchronized void clear() {
        refused.clear();
    }

    /** What the caller is told after a run in which calls were refused; empty when none were. */
    synchronized String report() {
        return refused.isEmpty()
                ? ""
                : "tool calls of " + String.join(", ", refused) + " were refused: " + advice(refused);
    }

    private static String advice(Set<String> tools) {
        String first = tools.iterator().next();
        return "no approver was chosen for this agent; build it with .approver(Approver.approveAll()) to approve"
                + " such calls, or allow the tool with a rule such as .allow(\"" + first + "\")";
    }
}
