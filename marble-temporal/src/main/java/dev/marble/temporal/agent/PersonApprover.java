package dev.marble.temporal.agent;

import dev.marble.tool.approval.ApprovalAnswer;
import dev.marble.tool.approval.ApprovalRequest;
import dev.marble.tool.approval.Approver;

/**
 * The approver of a run on Temporal whose calls a person answers: asked before anyone answered, it stops the call
 * ({@link PersonNeeded}) so that the activity ends and the workflow waits for {@code marble approve}, holding no
 * thread; asked again with the answer, it gives that answer. It is only ever asked when the policy (the same
 * {@link dev.marble.tool.approval.ApprovalGate} as a local run's) says ASK: a call the rules deny or block never
 * reaches it, whatever a signal says.
 */
final class PersonApprover implements Approver {

    private final PersonAnswer answer;

    PersonApprover(PersonAnswer answer) {
        this.answer = answer;
    }

    @Override
    public ApprovalAnswer ask(ApprovalRequest request) {
        if (answer == null) throw new PersonNeeded(request);
        return answer.approve() ? new ApprovalAnswer.Once() : new ApprovalAnswer.Denied(answer.reason());
    }

    @Override
    public String name() {
        return "marble approve";
    }

    /** The call needs a person's answer, which has not come yet. */
    static final class PersonNeeded extends RuntimeException {
        private final transient ApprovalRequest request;

        PersonNeeded(ApprovalRequest request) {
            super("waiting for a person's approval", null, false, false);
            this.request = request;
        }

        ApprovalRequest request() {
            return request;
        }
    }
}
