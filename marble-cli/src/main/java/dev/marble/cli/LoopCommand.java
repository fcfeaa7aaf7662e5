package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.agent.AgentResult;
import dev.marble.agent.AgentRun;
import dev.marble.agent.AgentSpec;
import dev.marble.agent.ConversationFile;
import dev.marble.agent.RunControl;
import dev.marble.agent.RunEnding;
import dev.marble.agent.RunLimits;
import dev.marble.api.DurableRuns;
import dev.marble.cli.Verbosity.Detail;
import dev.marble.config.Environment;
import dev.marble.error.ConfigException;
import dev.marble.error.UsageException;
import dev.marble.format.llmloop.LlmLoopExport;
import dev.marble.model.ChatOptions;
import dev.marble.model.Message;
import dev.marble.model.Role;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.approval.ApprovalGate;
import dev.marble.tool.approval.ApprovalPolicy;
import dev.marble.tool.approval.ApprovalRule;
import dev.marble.tool.approval.Approver;
import dev.marble.tool.approval.Decision;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code marble loop}: one agent working toward a goal with tools, until it is done or a limit ends
 * it. llm-loop's command, with its options, done properly: approvals that really block, a tool debug
 * view that works, duplicate tool names refused, every step in the journal.
 */
@Command(
        name = "loop",
        description = {
            "An agent works toward GOAL with tools until it is done (llm-loop).",
            "Or until a limit stops it. Built-in tools read and write files in the workspace and run shell commands"
                    + " there."
        },
        footer = {
            "  marble loop \"Make the tests in this folder pass\"",
            "  marble loop -m claude-3-5-sonnet-latest -n --budget-usd 0.50 \"Tidy up\"",
            "  marble loop --headless --allow 'run_command(git *)' \"Commit the changes\"",
            "  marble loop --functions Tools.java --no-builtins \"What time is it in Tokyo?\""
        })
final class LoopCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(paramLabel = "GOAL", arity = "0..*", description = "What to achieve, as words.")
    List<String> words;

    @Option(
            names = {"-m", "--model"},
            paramLabel = "MODEL",
            description = "Model (default: LLM_MODEL, MARBLE_MODEL, configuration).")
    String model;

    @Option(
            names = "--fallback",
            paramLabel = "MODEL",
            split = ",",
            description = "Models to try when the first fails.")
    List<String> fallbacks;

    @Option(
            names = {"-s", "--system"},
            paramLabel = "TEXT",
            description = "Replace the default system prompt entirely.")
    String system;

    @Mixin
    ToolFlags tools;

    @Mixin
    SandboxOption sandbox;

    /** -T, --key, -n/--no-log, --log, -d: llm-loop's options, each doing what its name says. */
    @Mixin
    LlmLoopOptions llmLoop;

    @Option(
            names = "--max-turns",
            paramLabel = "N",
            defaultValue = "25",
            description = "Model answers before the run stops, or asks on a terminal (0: no limit; default "
                    + "${DEFAULT-VALUE}).")
    int maxTurns;

    @Option(
            names = "--internal-cl",
            paramLabel = "N",
            defaultValue = "0",
            description = "Tool calls run per answer; more are answered with a note (0: no limit).")
    int internalChainLimit;

    @Option(
            names = "--budget-tokens",
            paramLabel = "N",
            defaultValue = "0",
            description = "Stop after this many tokens (0: no limit).")
    long tokenBudget;

    @Option(names = "--budget-usd", paramLabel = "DOLLARS", description = "Stop once this much is spent.")
    BigDecimal costBudget;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "0",
            description = "Stop after this long (0: no limit).")
    long timeoutSeconds;

    @Option(
            names = "--tool-timeout",
            paramLabel = "SECONDS",
            defaultValue = "120",
            description = "Time limit of one tool call.")
    long toolTimeoutSeconds;

    @Option(
            names = {"--td", "--tools-debug"},
            description = "Show each tool call and result in full, as -vv (or LLM_TOOLS_DEBUG=1).")
    boolean toolsDebug;

    @Option(
            names = {"--ta", "--tools-approve"},
            description = "Ask before every tool call, even those the policy allows.")
    boolean toolsApprove;

    @Option(
            names = "--approve-all",
            description = "Approve every tool call the policy would ask about (deny rules still apply).")
    boolean approveAll;

    @Option(
            names = "--allow",
            paramLabel = "RULE",
            description = "An approval rule to allow, e.g. 'run_command(git *)' (repeatable).")
    List<String> allow = List.of();

    @Option(
            names = "--headless",
            description = "Ask nobody: calls that need approval are refused unless --approve-all.")
    boolean headless;

    /** Every event as one JSON object per line on standard output. */
    @Mixin
    JsonOption json;

    /** Progress by default, as llm-loop; -q the model's text alone, -vv everything (as --tools-debug). */
    @Mixin
    Verbosity verbosity;

    @Spec
    CommandSpec commandSpec;

    @Option(
            names = "--export-conversation",
            paramLabel = "FILE",
            description = "Save the whole conversation when the run ends (Marble's format; llm-loop's for a name"
                    + " ending in .llm-loop.json).")
    Path exportTo;

    @Option(
            names = "--export-format",
            paramLabel = "FORMAT",
            description = "marble (everything, the default) or llm-loop (its {prompt, response, tool_calls} list).")
    String exportFormat;

    @Option(
            names = "--import-conversation",
            paramLabel = "FILE",
            description = "Start from a saved conversation (Marble's or llm-loop's export).")
    Path importFrom;

    @Mixin
    RunEngineOptions engine;

    @Option(
            names = {"-o", "--option"},
            arity = "2",
            paramLabel = "KEY VALUE",
            hideParamSyntax = true,
            description = "Model option (see marble pipe --help).")
    List<String> options;

    LoopCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        validate();
        llmLoop.validate();
        if (exportFormat != null && exportTo == null)
            throw new UsageException("--export-format needs --export-conversation FILE");
        if (exportTo != null) ExportFormat.of(exportFormat, exportTo);
        String goal = words == null || words.isEmpty() ? null : String.join(" ", words);
        Path workspace = ToolAssembly.workspace(tools, context);
        List<Message> history = importFrom == null
                ? List.of()
                : ConversationFile.read(context.environment().workingDirectory().resolve(importFrom))
                        .messages();
        if (goal == null && history.isEmpty())
            throw new UsageException("no goal: give it as words, or --import-conversation FILE");
        if (goal == null && history.getLast().role() != Role.USER) goal = "Continue working on the goal.";

        String typedModel =
                model != null ? model : context.environment().get("LLM_MODEL").orElse(null);
        Environment environment = llmLoop.key == null
                ? context.environment()
                : LoopModel.withKey(context.environment(), typedModel, llmLoop.key, context.redactor());
        try (Marble marble = Marble.start(environment, context.err()::println, context.redactor())) {
            sandbox.apply(marble);
            ModelSelection selection = ModelSelection.of(
                    marble, LoopModel.name(typedModel, environment, llmLoop.key != null, marble), fallbacks);
            if (engine.onTemporal(marble)) {
                return durable(marble, selection, workspace, goal);
            }
            List<String> warnings = new ArrayList<>();
            try (ToolRegistry registry = ToolAssembly.loopRegistry(tools, marble, warnings)) {
                warnings.forEach(context.err()::println);
                ToolNameCheck.requireAll(llmLoop.tools, registry);
                return run(marble, selection, registry, workspace, history, goal);
            }
        }
    }

    private int run(
            Marble marble,
            ModelSelection selection,
            ToolRegistry registry,
            Path workspace,
            List<Message> history,
            String goal) {
        boolean interactive = context.stdinIsTerminal() && !headless && !json.enabled();
        Palette palette = Palette.err(context, commandSpec);
        TerminalPrompts prompts = interactive ? new TerminalPrompts(context) : null;
        RunLimits limits = limits();
        String firstGoal = goal != null ? goal : history.getFirst().text();
        String instructions = instructions(firstGoal, workspace, limits);
        ChatOptions.Builder chatOptions = ChatOptions.builder();
        ModelOptionParser.apply(options, chatOptions);
        AgentSpec spec = new AgentSpec(
                "loop", selection.primary().ref(), selection.fallbacks(), instructions, chatOptions.build(), limits);

        ApprovalPolicy policy = ApprovalPolicy.from(marble.config(), rules(allow), toolsApprove);
        Approver approver = approveAll
                ? Approver.approveAll()
                : interactive
                        ? new TerminalApprover(
                                prompts, marble.redactor(), palette, new ChangePreview(workspace, registry), "run")
                        : Approver.refuseAll(
                                "nobody can approve it in a headless run; allow it in marble.json (approvals.allow), "
                                        + "pass --allow RULE, or run with --approve-all");
        RunControl control = interactive ? new TerminalRunControl(prompts, firstGoal, maxTurns) : RunControl.HEADLESS;

        Detail detail = detail();
        ConsoleRenderer console = new ConsoleRenderer(
                        context.out(),
                        context.err(),
                        detail,
                        context.stdoutIsTerminal() ? ConsoleRenderer.Text.STREAMED : ConsoleRenderer.Text.WHOLE,
                        palette,
                        marble.redactor())
                .withSpinner(Spinner.on(context, !verbosity.quiet))
                .withTerminals(context);
        marble.events().subscribe(json.enabled() ? new JsonLinesRenderer(context.out(), marble.redactor()) : console);
        openJournal(marble);
        marble.exportTelemetry();
        boolean progress = !json.enabled() && detail.atLeast(Detail.PROGRESS);
        if (progress) {
            context.err()
                    .println("[marble loop] model: " + selection.primary().ref() + " ("
                            + selection.primary().source()
                            + "); " + Words.count(registry.names().size(), "tool") + "; workspace " + workspace
                            + (marble.isReplay(selection.primary().ref())
                                    ? " — REPLAY: answers come from the file"
                                    : ""));
        }

        AgentRun run = marble.agentRun(spec, registry, new ApprovalGate(policy, approver), control, workspace, "loop");
        AgentResult result = run.run(history, goal);
        console.endText();
        if (exportTo != null) {
            Path target = context.environment().workingDirectory().resolve(exportTo);
            switch (ExportFormat.of(exportFormat, exportTo)) {
                case MARBLE ->
                    ConversationFile.write(
                            target,
                            instructions,
                            selection.primary().ref().toString(),
                            result.conversation(),
                            marble.redactor());
                case LLM_LOOP -> LlmLoopExport.write(target, result.conversation(), marble.redactor());
            }
            if (progress) context.err().println("[marble loop] conversation saved to " + target);
        }
        if (progress) {
            context.err().println(LoopSummary.of(result, "marble loop", palette, TerminalText.err(context)));
        } else if (!json.enabled()
                && (result.ending() == RunEnding.MODEL_FAILED || result.ending() == RunEnding.NO_MODEL)) {
            // -q still says why the model gave no answer: the exit code alone does not.
            context.err()
                    .println(palette.error("marble: error:") + " "
                            + TerminalText.err(context).show(marble.redactor().redact(result.detail())));
        }
        return ExitCodes.of(result.ending());
    }

    /** -s, else llm-loop's LLM_LOOP_SYSTEM_PROMPT (which, like -s, replaces the whole prompt), else Marble's. */
    private String instructions(String firstGoal, Path workspace, RunLimits limits) {
        String replacement = system != null
                ? system
                : context.environment().get("LLM_LOOP_SYSTEM_PROMPT").orElse(null);
        return replacement != null
                ? replacement
                : LoopPrompt.build(firstGoal, workspace, LocalDate.now(), limits.completionMarker());
    }

    /**
     * The run on Temporal: the same agent, limits and approval rules, sent as a request the workers assemble the
     * agent from (their keys stay theirs: nothing secret goes into the run's history). A call the policy asks about
     * waits for 'marble approve' unless --approve-all or --headless says otherwise.
     */
    private int durable(Marble marble, ModelSelection selection, Path workspace, String goal) {
        DurableRunner.refuse(importFrom != null, "--import-conversation");
        DurableRunner.refuse(exportTo != null, "--export-conversation");
        DurableRunner.refuse(options != null && !options.isEmpty(), "-o/--option");
        DurableRunner.refuse(llmLoop.key != null, "--key (a key would travel in the run's history)");
        rules(allow); // a malformed --allow is refused here, not on a worker
        RunLimits limits = limits();
        List<String> models = new ArrayList<>();
        models.add(selection.primary().ref().toString());
        selection.fallbacks().forEach(ref -> models.add(ref.toString()));
        Path cwd = context.environment().workingDirectory();
        DurableRuns.Request request = new DurableRuns.Request(
                goal,
                new DurableRuns.Agent("loop", models, instructions(goal, workspace, limits), List.of(), null),
                new DurableRuns.Tools(
                        workspace.toString(),
                        !tools.noBuiltins,
                        tools.functions.stream()
                                .map(f -> cwd.resolve(f).toString())
                                .toList(),
                        tools.mcp.stream().map(f -> cwd.resolve(f).toString()).toList(),
                        toolTimeoutSeconds),
                new DurableRuns.Limits(maxTurns, internalChainLimit, tokenBudget, costBudget, timeoutSeconds),
                new DurableRuns.Approvals(
                        approveAll
                                ? DurableRuns.Approvals.APPROVE_ALL
                                : headless ? DurableRuns.Approvals.REFUSE : DurableRuns.Approvals.PERSON,
                        allow,
                        toolsApprove));
        return DurableRunner.run(context, marble, engine.options(), request, json.enabled());
    }

    /** The project's journal; -d FILE (or llm-loop's LLM_LOOP_LOG_DB_PATH) another; -n none at all. */
    private void openJournal(Marble marble) {
        if (llmLoop.noLog) return;
        Path database = llmLoop.database != null
                ? llmLoop.database
                : context.environment()
                        .get("LLM_LOOP_LOG_DB_PATH")
                        .map(Path::of)
                        .orElse(null);
        if (database == null) marble.openJournal();
        else marble.openJournal(context.environment().workingDirectory().resolve(database));
    }

    /** -q, -v, -vv; --tools-debug and LLM_TOOLS_DEBUG (llm-loop's) ask for everything, as -vv. */
    private Detail detail() {
        boolean toolsDebugVariable = context.environment()
                .get("LLM_TOOLS_DEBUG")
                .map(v -> List.of("1", "true", "yes").contains(v.toLowerCase(Locale.ROOT)))
                .orElse(false);
        Detail asked = verbosity.detail(Detail.PROGRESS);
        if (toolsDebug && verbosity.quiet)
            throw new UsageException("-q and --tools-debug contradict each other; give one");
        return toolsDebug || (toolsDebugVariable && !verbosity.quiet) ? Detail.FULL : asked;
    }

    private RunLimits limits() {
        RunLimits limits = RunLimits.DEFAULTS
                .withMaxTurns(maxTurns)
                .withToolCallsPerTurn(internalChainLimit)
                .withTokenBudget(tokenBudget)
                .withToolTimeout(Duration.ofSeconds(toolTimeoutSeconds));
        if (costBudget != null) limits = limits.withCostBudget(costBudget);
        if (timeoutSeconds > 0) limits = limits.withTimeout(Duration.ofSeconds(timeoutSeconds));
        return limits;
    }

    private void validate() {
        if (maxTurns < 0) throw new UsageException("--max-turns must be 0 or more");
        if (internalChainLimit < 0) throw new UsageException("--internal-cl must be 0 or more");
        if (tokenBudget < 0) throw new UsageException("--budget-tokens must be 0 or more");
        if (costBudget != null && costBudget.signum() <= 0)
            throw new UsageException("--budget-usd must be more than 0");
        if (timeoutSeconds < 0) throw new UsageException("--timeout must be 0 or more seconds");
        if (toolTimeoutSeconds < 1) throw new UsageException("--tool-timeout must be at least 1 second");
        if (approveAll && toolsApprove)
            throw new UsageException("--approve-all and --tools-approve contradict each other");
    }

    private static List<ApprovalRule> rules(List<String> allow) {
        List<ApprovalRule> out = new ArrayList<>();
        for (String rule : allow) {
            try {
                out.add(ApprovalRule.parse(Decision.ALLOW, rule, null));
            } catch (ConfigException e) {
                throw new UsageException("--allow " + e.getMessage().replaceFirst("^<input>: ", ""));
            }
        }
        return out;
    }
}
