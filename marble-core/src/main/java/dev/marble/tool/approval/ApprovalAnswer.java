package dev.marble.tool.approval;

/** What an approver answered. */
public sealed interface ApprovalAnswer {

    /** Run this call. */
    record Once() implements ApprovalAnswer {}

    /** Run this call, and the same tool with the same arguments again in this run without asking. */
    record ForSession() implements ApprovalAnswer {}

    /** Do not run it; the reason (possibly empty) goes to the model. */
    record Denied(String reason) implements ApprovalAnswer {}
}
