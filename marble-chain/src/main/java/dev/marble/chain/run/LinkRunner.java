package dev.marble.chain.run;

import dev.marble.Marble;
import dev.marble.agent.AgentResult;
import dev.marble.agent.AgentRun;
import dev.marble.agent.AgentSpec;
import dev.marble.agent.ConversationFile;
import dev.marble.agent.RunControl;
import dev.marble.agent.RunLimits;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.LinkSpec;
import dev.marble.config.ConfigSchema;
import dev.marble.error.SourceLocation;
import dev.marble.event.LinkOutcome;
import dev.marble.json.Json;
import dev.marble.model.ChatOptions;
import dev.marble.model.Cost;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.approval.ApprovalGate;
import dev.marble.tool.approval.ApprovalPolicy;
import dev.marble.tool.approval.ApprovalRule;
import dev.marble.tool.approval.Approver;
import dev.marble.tool.approval.ClaudeToolRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one link as an agent run. A Claude model (a bare id, or opus/sonnet/haiku) runs the Claude Code CLI as
 * llmauto does, with the chain's permission mode and allowed tools and, in continue mode, the link's own session;
 * any other provider gets Marble's tools, with the chain's {@code allowed_tools} as approval rules and nobody to
 * ask (a chain runs unattended), and in continue mode its conversation kept in the state directory.
 */
public final class LinkRunner {

    /** The tools a Marble-provider link gets: built in by the CLI (built-ins, Java tools, MCP servers). */
    @FunctionalInterface
    public interface ToolsFactory {
        ToolRegistry tools(LinkSpec link);
    }

    /**
     * What a link's run came to: ok, failed or interrupted (never skipped: a skipped link does not run).
     *
     * @param detail why it did not succeed; null when it did
     */
    public record Result(
            String linkRunId, LinkOutcome outcome, String detail, Cost cost, Duration elapsed, String answer) {}

    /** What the link will run on: its model and fallbacks, how long it may take. */
    public record Resolved(ModelRef model, List<ModelRef> fallbacks, Duration timeout, boolean claudeCode) {}

    /** Marble-provider links take many tool turns; 25 (marble loop's default) would cut a worker's session short. */
    static final int LINK_MAX_TURNS = 200;

    private final Marble marble;
    private final ToolsFactory toolsFactory;

    public LinkRunner(Marble marble, ToolsFactory toolsFactory) {
        this.marble = marble;
        this.toolsFactory = toolsFactory;
    }

    /** The link's model: the link's own, else the chain's default, else the configured or chosen default. */
    public Resolved resolve(ChainSpec chain, LinkSpec link) {
        String text = link.model() != null ? link.model() : chain.defaults().model();
        ModelRef model = text != null
                ? marble.resolver().resolve(text, link.location())
                : marble.chooser().choose(null).ref();
        String fallbackText = link.fallbackModel() != null
                ? link.fallbackModel()
                : chain.defaults().fallbackModel();
        List<ModelRef> fallbacks =
                fallbackText == null ? List.of() : List.of(marble.resolver().resolve(fallbackText, link.location()));
        Duration timeout = link.timeout() != null
                ? link.timeout()
                : chain.defaults().timeout() != null
                        ? chain.defaults().timeout()
                        : Duration.ofSeconds(marble.config()
                                .number("default_timeout_seconds", ConfigSchema.DEFAULT_TIMEOUT_SECONDS)
                                .value());
        return new Resolved(model, fallbacks, timeout, "claude-code".equals(model.provider()));
    }

    /**
     * Runs the link. {@code session}: continue mode's Claude Code session (null: a fresh one each time);
     * {@code conversationFile}: continue mode's saved conversation for other providers (null: none).
     * {@code started} is told the link's run id before the model is called.
     */
    public Result run(
            ChainSpec chain,
            LinkSpec link,
            Resolved resolved,
            String prompt,
            ChatOptions.Session session,
            Path conversationFile,
            Path workspace,
            Consumer<String> started) {
        ChatOptions.Builder options = ChatOptions.builder().workingDirectory(workspace);
        if (session != null) options.session(session);
        if (chain.defaults().permissionMode() != null) {
            options.extra(
                    "permission_mode",
                    Json.mapper().valueToTree(chain.defaults().permissionMode()));
        }
        if (chain.defaults().allowedTools() != null) {
            options.extra(
                    "allowed_tools", Json.mapper().valueToTree(chain.defaults().allowedTools()));
        }
        RunLimits limits = RunLimits.DEFAULTS
                .withMaxTurns(LINK_MAX_TURNS)
                .withTimeout(resolved.timeout())
                .withCostBudget(link.budgetUsd());
        String instructions = resolved.claudeCode() ? null : instructions(chain, link, workspace);
        AgentSpec spec = new AgentSpec(
                link.name(), resolved.model(), resolved.fallbacks(), instructions, options.build(), limits);
        List<Message> history = List.of();
        if (conversationFile != null && Files.isRegularFile(conversationFile)) {
            history = ConversationFile.read(conversationFile).messages();
        }
        try (ToolRegistry tools = resolved.claudeCode() ? ToolRegistry.of(List.of()) : toolsFactory.tools(link)) {
            AgentRun run = marble.agentRun(spec, tools, gate(chain, link), RunControl.HEADLESS, workspace, "link");
            started.accept(run.runId());
            AgentResult result = run.run(history, prompt);
            if (conversationFile != null) {
                ConversationFile.write(
                        conversationFile,
                        instructions,
                        resolved.model().toString(),
                        result.conversation(),
                        marble.redactor());
            }
            LinkOutcome outcome = switch (result.ending()) {
                case ANSWERED, COMPLETED -> LinkOutcome.OK;
                case INTERRUPTED, STOPPED -> LinkOutcome.INTERRUPTED;
                default -> LinkOutcome.FAILED;
            };
            String detail = outcome == LinkOutcome.OK ? null : result.ending().wireName() + ": " + result.detail();
            return new Result(run.runId(), outcome, detail, result.cost(), result.elapsed(), result.answer());
        }
    }

    /** A chain runs unattended: what the rules do not allow is refused, with how to allow it. */
    private ApprovalGate gate(ChainSpec chain, LinkSpec link) {
        List<ApprovalRule> rules = new ArrayList<>();
        if (chain.defaults().allowedTools() != null) {
            rules.addAll(ClaudeToolRules.allowRules(
                    chain.defaults().allowedTools(), new SourceLocation(chain.file(), 0, 0, "defaults.allowed_tools")));
        } else {
            rules.addAll(ClaudeToolRules.allowRules(
                    marble.config().find("default_allowed_tools").isPresent()
                            ? marble.config().textList("default_allowed_tools").value()
                            : ConfigSchema.DEFAULT_ALLOWED_TOOLS,
                    SourceLocation.of(chain.file())));
        }
        ApprovalPolicy policy = ApprovalPolicy.from(marble.config(), rules, false);
        return new ApprovalGate(
                policy,
                Approver.refuseAll("a chain runs unattended; allow the tool in the chain's"
                        + " defaults.allowed_tools (Claude Code names: Read, Write, Edit, Bash(git *)) or in "
                        + "marble.json"
                        + " approvals.allow"));
    }

    /** The system prompt of a Marble-provider link: who it is and where the shared files are. */
    private static String instructions(ChainSpec chain, LinkSpec link, Path workspace) {
        return "You are " + link.name() + ", the " + link.role() + " of the chain '" + chain.name()
                + "', run by Marble."
                + " Today is " + LocalDate.now() + ". Your working directory is " + workspace + "; use your tools to"
                + " read and write files there, and follow the task below exactly.";
    }
}
