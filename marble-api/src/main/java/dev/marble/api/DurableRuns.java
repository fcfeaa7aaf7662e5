package dev.marble.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;

/**
 * Agent runs on a {@link DurableEngine}: started by a command, run by workers elsewhere (every model call and every
 * tool call a step the engine records), answered by a person when a tool call needs approval. Plain values only, so
 * that the CLI never links the engine's classes.
 *
 * <pre>{@code
 * try (DurableEngine.Connection connection = engine.connect(marble, EngineOptions.NONE)) {
 *     String runId = connection.runs().start(request);
 *     DurableRuns.Outcome outcome = connection.runs().await(runId, status -> System.err.println(status.state()));
 * }
 * }</pre>
 *
 * <p>An unknown run id fails with a {@link dev.marble.error.UsageException} naming it; an unreachable server with an
 * {@link EngineUnavailableException}.
 */
public interface DurableRuns {

    /** Starts the run; returns its id, which is also the engine's workflow id and the journal's run id. */
    String start(Request request);

    /** Waits for the run to end, telling {@code changes} each time its status changes (a call waits for a person). */
    Outcome await(String runId, Consumer<Status> changes);

    /** Where the run stands now. */
    Status status(String runId);

    /**
     * Answers the tool call the run waits on: {@code approve}, or deny it with {@code reason} (shown to the model).
     * Fails with a usage error when the run waits on no approval.
     */
    Pending answer(String runId, boolean approve, String reason);

    /**
     * What to run: the goal, the agent, its tools behind the approval gate, its limits. The workers build the agent
     * from it with their own configuration: their providers and keys, their deny rules, their journal.
     */
    record Request(String goal, Agent agent, Tools tools, Limits limits, Approvals approvals) {
        public Request {
            if (goal == null || goal.isBlank()) throw new IllegalArgumentException("a run needs a goal");
            agent = java.util.Objects.requireNonNull(agent, "agent");
            tools = java.util.Objects.requireNonNull(tools, "tools");
            limits = java.util.Objects.requireNonNull(limits, "limits");
            approvals = java.util.Objects.requireNonNull(approvals, "approvals");
        }
    }

    /**
     * The agent: {@code marble loop}'s ({@code files} empty: {@code models}, first the primary, and
     * {@code instructions} say it all) or the entry agent of {@code marble run}'s {@code .worker}/{@code .toml} files
     * (absolute paths, which the workers must see at the same place), {@code models} then naming an override or none.
     *
     * @param kind what the journal calls the run: {@code loop} or {@code run}
     */
    record Agent(String kind, List<String> models, String instructions, List<String> files, String entry) {
        public Agent {
            models = models == null ? List.of() : List.copyOf(models);
            files = files == null ? List.of() : List.copyOf(files);
        }
    }

    /**
     * The tools: the built-in file and shell tools (under llm-loop's names too, for {@code loop}), Java or Python tool
     * files, MCP server files (absolute paths), working in {@code workspace}.
     */
    record Tools(String workspace, boolean builtins, List<String> functions, List<String> mcp, long timeoutSeconds) {
        public Tools {
            functions = functions == null ? List.of() : List.copyOf(functions);
            mcp = mcp == null ? List.of() : List.copyOf(mcp);
        }
    }

    /** The run's limits; 0 (or a null dollar budget) is no limit. */
    record Limits(
            int maxTurns, int toolCallsPerTurn, long tokenBudget, BigDecimal costBudgetUsd, long timeoutSeconds) {}

    /**
     * Who answers a call the policy asks about.
     *
     * @param mode         {@code person} (the run waits for {@code marble approve}), {@code approve_all} or
     *                     {@code refuse}
     * @param allow        approval rules to allow ({@code --allow}); the workers' deny rules still win
     * @param askEveryCall ask even about calls the policy allows ({@code --tools-approve})
     */
    record Approvals(String mode, List<String> allow, boolean askEveryCall) {
        public static final String PERSON = "person";
        public static final String APPROVE_ALL = "approve_all";
        public static final String REFUSE = "refuse";

        public Approvals {
            if (!List.of(PERSON, APPROVE_ALL, REFUSE).contains(mode))
                throw new IllegalArgumentException(
                        "approval mode " + mode + ": expected person, approve_all or refuse");
            allow = allow == null ? List.of() : List.copyOf(allow);
        }
    }

    /**
     * A run's status.
     *
     * @param state   {@code running}, {@code waiting_for_approval}, {@code completed}, {@code failed},
     *                {@code terminated}, {@code canceled} or {@code timed_out}
     * @param turns   model calls so far
     * @param pending the call waiting for a person, or null
     */
    record Status(String runId, String state, int turns, Pending pending) {}

    /**
     * A tool call waiting for a person.
     *
     * @param number  which approval of the run this is (1, 2, ...): an answer goes to this one only
     * @param tool    the tool's name
     * @param subject what it would do, as the approval prompt shows it (secrets removed)
     * @param reason  why the policy asks
     */
    record Pending(int number, String tool, String subject, String reason) {}

    /**
     * How the run ended.
     *
     * @param ending the run's ending, as {@code dev.marble.agent.RunEnding}'s constant name
     */
    record Outcome(String runId, String ending, String detail, String answer, Tally tally) {}

    /** What the run spent. {@code costUsd} is null when no call had a price. */
    record Tally(int turns, long inputTokens, long outputTokens, BigDecimal costUsd) {}
}
