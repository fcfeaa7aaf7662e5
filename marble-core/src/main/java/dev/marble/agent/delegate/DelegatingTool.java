package dev.marble.agent.delegate;

import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.Tool;

/** What the tools that hand work to child runs (a worker, spawn, fork) share. */
interface DelegatingTool extends Tool {

    /** Several delegations asked for in one answer run at once, as llm-do's worker calls do. */
    @Override
    default boolean parallel() {
        return true;
    }

    /**
     * Allowed unless a rule says otherwise: handing work to another agent changes nothing by itself, and every
     * tool the child calls passes the caller's gate with its own default (a write is still asked about). Asking
     * here too would ask twice for one action. A rule such as {@code ask = ["researcher"]} still makes a person
     * confirm each delegation, where it costs money.
     */
    @Override
    default ApprovalDefault approvalDefault() {
        return ApprovalDefault.ALLOW;
    }
}
