package dev.marble.tool;

import dev.marble.config.Environment;
import dev.marble.model.Cost;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.Usage;
import dev.marble.process.Sandbox;
import dev.marble.tool.approval.ApprovalGate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a tool may know of the run that calls it. Java tools receive it by declaring a parameter of
 * this type.
 */
public interface ToolContext {

    /** The run this call belongs to, as the journal records it. */
    String runId();

    /** The model's id for this call. */
    String toolCallId();

    /**
     * The folder file and shell tools work in, and may not leave ({@code -C DIR}; the working
     * directory by default).
     */
    Path workspace();

    /** Environment variables, working directory and home, as the run sees them. */
    Environment environment();

    /** How long this call may still take before it is stopped. */
    Duration remaining();

    /**
     * Where shell commands run: the sandbox Marble chose for the run (marble.json's {@code sandbox},
     * {@code --sandbox}). A call made outside any run, by code that called the tool itself, gets none.
     */
    default Sandbox sandbox() {
        return new Sandbox.None("the tool was called outside a Marble run");
    }

    /** Reports progress of a long call; shown with --tools-debug and kept in the journal. */
    default void progress(String message) {}

    // What follows exists for tools that run agents (dev.marble.agent.delegate): a child run needs to
    // know where it sits in the tree, what its caller was saying, which gate its caller passes, and
    // where to book what it spent. Ordinary tools ignore all of it; the defaults describe a call made
    // outside any run.

    /** How many delegations deep the calling run is: 0 for a run a person started. */
    default int depth() {
        return 0;
    }

    /** Whether the calling run is a forked copy of another (which may not fork again). */
    default boolean forked() {
        return false;
    }

    /** The calling run's model, which a delegate without one of its own inherits; null outside a run. */
    default ModelRef model() {
        return null;
    }

    /**
     * The calling run's conversation up to and including the model message that made this call,
     * which a fork copies.
     */
    default List<Message> conversation() {
        return List.of();
    }

    /**
     * Replaces the calling run's conversation with {@code conversation} once this turn's tools have run (LLMProc's
     * {@code goto}): the answer that made this call, and the results of its calls, go with everything else that is
     * not in it. The run then calls its model on the new conversation, which must end with a user message.
     *
     * @return false when nothing can be rewound (a call made outside a run)
     */
    default boolean rewind(List<Message> conversation) {
        return false;
    }

    /** The approval gate the calling run's tools pass, which a child run's tools pass too; null outside a run. */
    default ApprovalGate approvals() {
        return null;
    }

    /**
     * Books tokens and dollars this call spent on the calling run (a child run's totals), so that the
     * caller's result, budgets and journal row include them.
     */
    default void spent(Usage usage, Cost cost) {}
}
