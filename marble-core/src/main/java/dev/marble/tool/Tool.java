package dev.marble.tool;

import dev.marble.model.ToolSpec;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/**
 * A function a model can call: built-in file and shell tools, methods of a Java class, an MCP
 * server's tools, other agents. Marble validates the arguments against the spec's schema, asks the
 * approval policy, enforces a time limit and an output limit, and turns anything the tool throws
 * into an error result the model sees; a tool only does its job.
 */
public interface Tool {

    /** Name, description and JSON schema, as the model is told them. */
    ToolSpec spec();

    /**
     * Runs the tool. {@code arguments} has already passed the schema. Throwing is allowed: the
     * message becomes an error result. Long work should respond to interruption, which is how a
     * time limit or Ctrl+C reaches it.
     */
    ToolResult call(JsonNode arguments, ToolContext context) throws Exception;

    /** What the approval policy does with a call when no configured rule matches it. */
    default ApprovalDefault approvalDefault() {
        return ApprovalDefault.ASK;
    }

    /**
     * The argument that approval rules match against, such as a shell command for
     * {@code run_command(git status*)} or a path for {@code write_file(docs/*)}; null when none.
     * A path is given relative to {@code workspace} when it lies inside it, however the model spelled
     * it, so that {@code write_file(secrets/*)} cannot be passed by writing the absolute path.
     */
    default String approvalSubject(JsonNode arguments, Path workspace) {
        return null;
    }

    /**
     * Whether calls of this tool may run at the same time when one answer asks for several of them,
     * and nothing else (llm-do's workers: a model that hands three tasks to three agents at once waits
     * for the slowest, not for the sum). Other tools run one after another, in the model's order,
     * because their effects may depend on it. Approvals are still asked one at a time.
     */
    default boolean parallel() {
        return false;
    }

    /**
     * Whether the model must see where each message stands ({@code [msg_3]} before user messages), because this
     * tool takes such a position (LLMProc's {@code goto}).
     */
    default boolean needsMessageIds() {
        return false;
    }

    default String name() {
        return spec().name();
    }
}
