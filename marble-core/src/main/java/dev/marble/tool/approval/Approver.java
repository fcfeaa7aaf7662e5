package dev.marble.tool.approval;

/**
 * Answers the calls a policy asks about. The core knows no terminal: the command line supplies a
 * terminal approver; {@link #approveAll()} and {@link #refuseAll(String)} serve flags and headless runs.
 */
public interface Approver {

    ApprovalAnswer ask(ApprovalRequest request);

    /** Who answers, as the journal records it: "user", "--approve-all", "headless". */
    default String name() {
        return "approver";
    }

    /** {@code --approve-all}: yes to everything that is not denied by a rule. */
    static Approver approveAll() {
        return new Approver() {
            @Override
            public ApprovalAnswer ask(ApprovalRequest request) {
                return new ApprovalAnswer.Once();
            }

            @Override
            public String name() {
                return "--approve-all";
            }
        };
    }

    /**
     * A run with nobody to ask: no, with {@code why} and the policy's reason for asking, so the model
     * learns which part of its call was not covered (say, the second command of a {@code ;} list).
     */
    static Approver refuseAll(String why) {
        return new Approver() {
            @Override
            public ApprovalAnswer ask(ApprovalRequest request) {
                boolean reason = request.reason() != null && !request.reason().isBlank();
                return new ApprovalAnswer.Denied(why + (reason ? " (asked because " + request.reason() + ")" : ""));
            }

            @Override
            public String name() {
                return "headless";
            }
        };
    }
}
