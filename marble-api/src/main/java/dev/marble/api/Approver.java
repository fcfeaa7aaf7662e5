package dev.marble.api;

import dev.marble.tool.approval.ApprovalAnswer;
import dev.marble.tool.approval.ApprovalRequest;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who answers when the approval policy asks about a tool call (a tool that may write or reach outside, with no
 * rule that allows it). An agent has none until one is chosen, and then such calls are refused with a note that
 * says how to choose one. Rules ({@link AgentBuilder#allow}, marble.json's {@code approvals}) are applied first, and
 * a deny rule or a built-in block wins over every approver.
 * <pre>{@code
 * .approver(Approver.approveAll())                                   // yes to everything no rule denies
 * .approver(Approver.approveTools("write_file", "edit_file"))        // yes to these, no to the rest
 * .approver(Approver.approveIf(call -> call.subject().startsWith("out/"), "only under out/"))
 * }</pre>
 * This is the engine's {@code dev.marble.tool.approval.Approver}, under the library's name; a lambda of
 * {@code ApprovalRequest -> ApprovalAnswer} is one too.
 */
@FunctionalInterface
public interface Approver extends dev.marble.tool.approval.Approver {

    /** Yes to every call that no rule denies ({@code --approve-all}). */
    static Approver approveAll() {
        return of(dev.marble.tool.approval.Approver.approveAll());
    }

    /** No to every call that needs approval, with {@code why} for the model. */
    static Approver refuseAll(String why) {
        return of(dev.marble.tool.approval.Approver.refuseAll(why));
    }

    /** Yes when {@code test} holds for the call (its tool, arguments and subject), else no with {@code refusal}. */
    static Approver approveIf(Predicate<ApprovalRequest> test, String refusal) {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(refusal, "refusal");
        return request -> test.test(request) ? new ApprovalAnswer.Once() : new ApprovalAnswer.Denied(refusal);
    }

    /** Yes to calls of the tools named, no to any other. */
    static Approver approveTools(String... toolNames) {
        Set<String> names = Set.of(toolNames);
        return approveIf(
                request -> names.contains(request.toolName()),
                "only " + String.join(", ", toolNames) + " may run without a person here");
    }

    /** {@code approver} under the library's name, answering and named as it does. */
    static Approver of(dev.marble.tool.approval.Approver approver) {
        Objects.requireNonNull(approver, "approver");
        if (approver instanceof Approver own) return own;
        return new Approver() {
            @Override
            public ApprovalAnswer ask(ApprovalRequest request) {
                return approver.ask(request);
            }

            @Override
            public String name() {
                return approver.name();
            }
        };
    }
}
