package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.agent.AgentResult;
import dev.marble.agent.AgentRun;
import dev.marble.agent.AgentSpec;
import dev.marble.agent.RunControl;
import dev.marble.agent.RunEnding;
import dev.marble.agent.delegate.Delegation;
import dev.marble.api.AgentFiles;
import dev.marble.api.DurableRuns;
import dev.marble.cli.Verbosity.Detail;
import dev.marble.error.UsageException;
import dev.marble.event.EventSink;
import dev.marble.format.program.ProgramLoader;
import dev.marble.format.worker.EntryResolution;
import dev.marble.format.worker.SetOverrides;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.ToolResult;
import dev.marble.tool.approval.ApprovalGate;
import dev.marble.tool.approval.ApprovalPolicy;
import dev.marble.tool.approval.Approver;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code marble run FILE… [PROMPT]}: llm-do's command for agents in files. {@code .worker} files (llm-do) and
 * {@code .toml} programs (LLMProc) are agents, {@code .java} and {@code .jar} files their Java toolsets, {@code .py}
 * files their Python toolsets; the entry agent ({@code --entry}, else {@code main}, else the agent of the only agent
 * file) answers the prompt with its tools, and its answer is printed on standard output. An entry that names a
 * Python function is llm-do's code entry. Any other file before the prompt is refused, by name.
 */
@Command(
        name = "run",
        description = {
            "Run the agent of .worker or .toml files on PROMPT (llm-do).",
            "llm-do workers and LLMProc programs; .java and .jar files add Java toolsets, .py files Python ones. The"
                    + " entry agent is --entry (an agent, or a Python function of a .py file), else main, else the only"
                    + " agent file's. The words after the files are the prompt; without any, standard input."
        },
        footer = {
            "  marble run main.worker \"Summarise notes.md\"",
            "  marble run helper.toml Tools.java \"What is 6 times 7?\"",
            "  echo \"Hi\" | marble run main.worker",
            "  marble run --chat main.worker"
        })
final class RunCommand implements Callable<Integer> {

    private static final List<String> FILE_SUFFIXES =
            List.of(".worker", ".toml", ".yaml", ".yml", ".java", ".jar", ".py");
    /** A file name with an extension, in a folder or not: {@code tools.py}, {@code src/notes.md}. */
    private static final Pattern FILE_NAME = Pattern.compile("([\\w.~-]+/)*[\\w-][\\w.-]*\\.[A-Za-z][A-Za-z0-9]{0,7}");

    private final CliContext context;
    /** The run shows llm-do's full-screen view rather than lines: see {@link TuiChoice}. */
    private boolean fullScreen;
    /** Where Marble's warnings go: standard error, or the tools pane while the full-screen view has the terminal. */
    private Consumer<String> warnings;

    @Parameters(
            paramLabel = "FILE|WORD",
            arity = "1..*",
            description = "Agent and toolset files, then the prompt's words.")
    List<String> arguments;

    @Option(
            names = {"-e", "--entry"},
            paramLabel = "NAME",
            description = "The agent to run (default: main).")
    String entry;

    @Option(
            names = {"-m", "--model"},
            paramLabel = "MODEL",
            description = "Model of the entry agent (else its own, LLM_DO_MODEL, MARBLE_MODEL, configuration).")
    String model;

    @Option(
            names = {"-s", "--set"},
            paramLabel = "KEY=VALUE",
            description = "Override a key of the entry worker's front matter, e.g. model=openai:gpt-4.1 (repeatable).")
    List<String> sets = List.of();

    @Option(
            names = {"-p", "--prompt"},
            paramLabel = "PROMPT",
            description = "The prompt, instead of words after the files (LLMProc's -p).")
    String promptText;

    @Option(
            names = {"-f", "--file"},
            paramLabel = "FILE",
            description = "Read the prompt from FILE, - for standard input (LLMProc's -f).")
    Path promptFile;

    @Option(
            names = {"--cost-limit", "--budget-usd"},
            paramLabel = "USD",
            description = "End the run once it has cost this many dollars, delegated runs included (exit 6;"
                    + " LLMProc's --cost-limit, marble loop's --budget-usd).")
    BigDecimal costLimit;

    @Option(names = "--approve-all", description = "Approve every tool call the policy would ask about.")
    boolean approveAll;

    @Option(
            names = "--headless",
            description = "Ask nobody: calls that need approval are refused unless --approve-all; line output, never"
                    + " the full-screen view.")
    boolean headless;

    /** Every event as one JSON object per line on standard output; the last, run_finished, holds the answer. */
    @Mixin
    JsonOption json;

    @Option(
            names = "--json-format",
            paramLabel = "FORMAT",
            description = "The shape of --json: marble (the events), llm-do (llm-do's --json events, on standard error;"
                    + " the answer on standard output) or llmproc (one object at the end). Default: llmproc"
                    + " for a program, else marble. Implies --json.")
    String jsonFormat;

    /** Only the answer by default, as llm-do; -v adds progress, -vv everything and the text as it is written. */
    @Mixin
    Verbosity verbosity;

    @Spec
    CommandSpec commandSpec;

    @Option(
            names = "--max-depth",
            paramLabel = "N",
            description = "How deep agents may delegate (default: max_delegation_depth in marble.json, else 5).")
    Integer maxDepth;

    @Option(
            names = "--chat",
            description =
                    "Talk to the entry agent line by line, as marble chat (llm-do's --chat); prompt words are the "
                            + "first message.")
    boolean chat;

    @Option(
            names = "--tui",
            description = "The full-screen view (llm-do's TUI; the default for .worker files at a terminal): the answer"
                    + " and the tool calls in panes, approvals with one key (a, s, d).")
    boolean tui;

    @picocli.CommandLine.Mixin
    SandboxOption sandbox;

    @Mixin
    RunEngineOptions engine;

    @Option(
            names = {"-C", "--workspace"},
            paramLabel = "DIR",
            description = "The folder file and shell tools work in.")
    Path workspace;

    RunCommand(CliContext context) {
        this.context = context;
        this.warnings = context.err()::println;
    }

    @Override
    public Integer call() {
        Path cwd = context.environment().workingDirectory();
        List<Path> files = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (String argument : arguments) {
            if (FILE_SUFFIXES.stream().anyMatch(argument::endsWith)) {
                Path file = cwd.resolve(argument).normalize();
                if (!Files.isRegularFile(file)) throw new UsageException("file not found: " + argument);
                files.add(file);
            } else if (words.isEmpty() && namesAFile(cwd, argument)) {
                // Before the prompt's first word, a file is a file: taking it for a word would send its name to the
                // model.
                throw new UsageException(argument + ": marble run takes .worker and .toml agent files and .java,"
                        + " .jar and .py toolsets; the prompt comes after them (or on standard input)");
            } else {
                words.add(argument);
            }
        }
        if (files.isEmpty()) throw new UsageException("no agent file: give at least one .worker or .toml file");
        if (!sets.isEmpty() && files.stream().noneMatch(file -> file.toString().endsWith(".worker"))) {
            // --set rewrites a worker's front matter; a program has none, and saying nothing ran it unchanged.
            throw new UsageException("--set " + sets.getFirst() + ": --set overrides a .worker file's front matter,"
                    + " and no .worker file is given; for a .toml program use -m MODEL or edit the program");
        }
        // One agent file and no --entry: its agent is the entry, whatever its name (as for marble chat).
        boolean single =
                entry == null && files.stream().filter(RunCommand::isAgentFile).count() == 1;
        if (promptText != null) {
            if (!words.isEmpty() || promptFile != null)
                throw new UsageException("give the prompt once: as words, with -p or with -f");
            words.add(promptText);
        }
        if (chat) {
            if (tui) throw new UsageException("--chat and --tui do not go together: --chat is the line chat");
            return chat(files, words, single);
        }
        if (costLimit != null && costLimit.signum() <= 0)
            throw new UsageException("--cost-limit " + costLimit.toPlainString() + ": expected dollars above 0");
        JsonFormat.parse(jsonFormat); // a misspelt format is refused before anything starts
        boolean dumb = context.environment().get("TERM").filter("dumb"::equals).isPresent();
        fullScreen = new TuiChoice(tui, headless, json.enabled() || jsonFormat != null, verbosity.quiet)
                .fullScreen(
                        !dumb && files.stream().anyMatch(file -> file.toString().endsWith(".worker")),
                        context.stdinIsTerminal(),
                        context.stdoutIsTerminal());
        // llm-do strips the prompt (a trailing newline from a pipe is not part of it).
        // LLMProc v0.9's order: the prompt given, else what standard input holds, else the program's [prompt] user.
        Optional<String> embedded =
                words.isEmpty() && promptFile == null && single ? embeddedUserPrompt(files) : Optional.empty();
        String prompt = embedded.isPresent()
                ? PromptInput.stdinOr(embedded.get(), context)
                : PromptInput.read(words, promptFile, context).strip();
        SetOverrides overrides = SetOverrides.parse(sets);
        Path root = ToolAssembly.workspace(workspace, context);

        try (Marble marble = Marble.start(context.environment(), line -> warnings.accept(line), context.redactor())) {
            sandbox.apply(marble);
            String entryName = entry == null || entry.isBlank() ? EntryResolution.DEFAULT_ENTRY : entry.strip();
            if (engine.onTemporal(marble)) {
                return durable(marble, files, single ? null : entryName, root, prompt);
            }
            AgentFiles loaded = AgentFiles.load(files, entryName, overrides, marble, delegation(marble, maxDepth));
            Optional<Tool> code = single ? Optional.empty() : loaded.codeEntry(entryName);
            if (code.isPresent()) {
                try (loaded) {
                    return runCodeEntry(marble, loaded, code.get(), root, prompt);
                }
            }
            AgentFiles reloaded = loaded;
            AgentFiles.Agent agent;
            try {
                agent = single ? loaded.first() : loaded.agent(entry);
                if (single && !overrides.isEmpty() && !agent.name().equals(entryName)) {
                    // --set applies to the entry worker, known by name only now.
                    loaded.close();
                    reloaded = AgentFiles.load(files, agent.name(), overrides, marble, delegation(marble, maxDepth));
                    agent = reloaded.first();
                }
            } catch (RuntimeException e) {
                loaded.close(); // no Python process outlives a run that does not start
                reloaded.close();
                throw e;
            }
            try (AgentFiles space = reloaded) {
                space.warnings().forEach(warning -> context.err().println("marble: warning: " + warning));
                AgentSpec spec = withCostLimit(space.spec(agent, model));
                JsonFormat format = JsonFormat.parse(jsonFormat, agent instanceof AgentFiles.ProgramAgent);
                List<String> notes = new ArrayList<>();
                try (ToolRegistry tools = space.tools(agent, notes)) {
                    notes.forEach(note -> context.err().println("marble: " + note));
                    return run(marble, space, agent, spec, tools, root, prompt, format);
                }
            }
        }
    }

    /**
     * The run on Temporal: the workers load the same files (at the same absolute paths) and run the entry agent; a
     * call the policy asks about waits for 'marble approve' unless --approve-all or --headless says otherwise.
     */
    private int durable(Marble marble, List<Path> files, String entryName, Path root, String prompt) {
        DurableRunner.refuse(tui, "--tui");
        DurableRunner.refuse(!sets.isEmpty(), "--set");
        DurableRunner.refuse(maxDepth != null, "--max-depth");
        DurableRunner.refuse(jsonFormat != null, "--json-format");
        if (prompt.isBlank()) throw new UsageException("no prompt: give it as words, with -p, -f or on standard input");
        DurableRuns.Request request = new DurableRuns.Request(
                prompt,
                new DurableRuns.Agent(
                        "run",
                        model == null ? List.of() : List.of(model),
                        null,
                        files.stream().map(Path::toString).toList(),
                        entryName),
                new DurableRuns.Tools(root.toString(), false, List.of(), List.of(), 0),
                new DurableRuns.Limits(0, 0, 0, costLimit, 0),
                new DurableRuns.Approvals(
                        approveAll
                                ? DurableRuns.Approvals.APPROVE_ALL
                                : headless ? DurableRuns.Approvals.REFUSE : DurableRuns.Approvals.PERSON,
                        List.of(),
                        false));
        return DurableRunner.run(context, marble, engine.options(), request, json.enabled());
    }

    /** {@code --cost-limit}: LLMProc's limit is Marble's dollar budget, which counts delegated runs too. */
    private AgentSpec withCostLimit(AgentSpec spec) {
        if (costLimit == null) return spec;
        return new AgentSpec(
                spec.name(),
                spec.model(),
                spec.fallbacks(),
                spec.instructions(),
                spec.options(),
                spec.limits().withCostBudget(costLimit));
    }

    /**
     * llm-do's {@code --chat}: the same files in {@code marble chat}, the entry defaulting to {@code main} as here (or
     * to the agent of the only agent file).
     */
    private int chat(List<Path> files, List<String> words, boolean single) {
        if (json.enabled() || jsonFormat != null)
            throw new UsageException("--chat and --json do not go together: a chat is read by a person");
        if (promptFile != null || costLimit != null)
            throw new UsageException("--chat takes its first message as words or with -p; -f and --cost-limit are"
                    + " for a single run");
        ChatCommand chatCommand = new ChatCommand(context);
        chatCommand.files = files;
        chatCommand.entry = single ? null : entry == null || entry.isBlank() ? EntryResolution.DEFAULT_ENTRY : entry;
        chatCommand.model = model;
        chatCommand.sets = sets;
        chatCommand.approveAll = approveAll;
        chatCommand.maxDepth = maxDepth;
        chatCommand.workspace = workspace;
        chatCommand.sandbox = sandbox;
        chatCommand.firstMessage = String.join(" ", words);
        chatCommand.commandSpec = commandSpec;
        return chatCommand.call();
    }

    /**
     * The {@code [prompt] user} of the one program among the files, which LLMProc v0.9 ran at once when no prompt
     * was given (words, a file or standard input come first).
     */
    private static Optional<String> embeddedUserPrompt(List<Path> files) {
        return files.stream()
                .filter(RunCommand::isAgentFile)
                .filter(file -> !file.getFileName().toString().endsWith(".worker"))
                .findFirst()
                .map(file -> ProgramLoader.load(file).program().userPrompt())
                .filter(text -> !text.isBlank())
                .map(String::strip);
    }

    private static boolean isAgentFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".worker") || name.endsWith(".toml") || name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /**
     * Whether an argument names a file rather than being a word of a prompt: a path that exists, or a file name with
     * an extension ({@code tools.py}, {@code notes/a.md}), which no prompt starts with.
     */
    static boolean namesAFile(Path cwd, String argument) {
        if (argument.isBlank() || argument.chars().anyMatch(Character::isWhitespace)) return false;
        if (FILE_NAME.matcher(argument).matches()) return true;
        try {
            return Files.exists(cwd.resolve(argument));
        } catch (InvalidPathException notAPath) {
            return false;
        }
    }

    /** {@code --max-depth} when given, else {@code max_delegation_depth} from configuration, else 5. */
    static Delegation delegation(Marble marble, Integer maxDepth) {
        if (maxDepth == null) return new Delegation(marble);
        if (maxDepth < 1)
            throw new UsageException("--max-depth " + maxDepth + ": expected a whole number of 1 or more");
        return new Delegation(marble, maxDepth);
    }

    /**
     * llm-do's code entry: a Python function of the files, called with {@code {"input": prompt}}, which calls workers
     * and tools through {@code ctx.deps.call}; its return value is the answer. A failure it raises is exit 1.
     */
    private int runCodeEntry(Marble marble, AgentFiles space, Tool entryTool, Path root, String prompt) {
        boolean interactive = context.stdinIsTerminal() && !headless && !json.enabled();
        Palette palette = Palette.err(context, commandSpec);
        Approver approver = approveAll
                ? Approver.approveAll()
                : interactive
                        ? new TerminalApprover(
                                new TerminalPrompts(context), marble.redactor(), palette, ChangePreview.NONE, "run")
                        : Approver.refuseAll(
                                "nobody can approve it in a headless run; pass --approve-all or allow it in "
                                        + "marble.json");
        ApprovalGate gate = new ApprovalGate(ApprovalPolicy.from(marble.config(), List.of(), false), approver);
        Detail detail = verbosity.detail(Detail.RESULT);
        ConsoleRenderer console = new ConsoleRenderer(
                        context.out(), context.err(), detail, ConsoleRenderer.Text.NONE, palette, marble.redactor())
                .withTerminals(context);
        marble.events().subscribe(json.enabled() ? new JsonLinesRenderer(context.out(), marble.redactor()) : console);
        // The workers it calls are journaled as any delegated run is (their parent, the entry, is no model run).
        marble.openJournal();
        marble.exportTelemetry();
        ToolResult result;
        try {
            result = space.runCodeEntry(entryTool, prompt, gate, root, model);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERRUPTED;
        }
        String text = marble.redactor().redact(result.content());
        if (result.isError()) {
            context.err()
                    .println(palette.error("marble: error:") + " " + entryTool.name() + ": "
                            + TerminalText.err(context).show(text));
            return ExitCodes.MODEL_FAILED;
        }
        context.out().println(TerminalText.out(context).show(text));
        return ExitCodes.OK;
    }

    private int run(
            Marble marble,
            AgentFiles space,
            AgentFiles.Agent agent,
            AgentSpec spec,
            ToolRegistry tools,
            Path root,
            String prompt,
            JsonFormat format) {
        if (fullScreen) {
            Optional<TuiSession> view = openView(agent.name());
            if (view.isPresent()) return runFullScreen(view.get(), marble, space, agent, spec, tools, root, prompt);
        }
        boolean events = json.enabled() || jsonFormat != null;
        // llm-do's events go to standard error, as llm-do printed them; its answer stays on standard output.
        boolean marbleJson = events && format == JsonFormat.MARBLE;
        // LLMProc's --json: one object at the end, and nothing else on standard output.
        boolean oneObject = events && format == JsonFormat.LLMPROC;
        boolean interactive = context.stdinIsTerminal() && !headless && !events;
        space.approvalNotes(agent).forEach(note -> context.err().println("marble: approvals: " + note));
        Palette palette = Palette.err(context, commandSpec);
        ApprovalPolicy policy = ApprovalPolicy.from(marble.config(), space.approvalRules(agent), false);
        Approver approver = approveAll
                ? Approver.approveAll()
                : interactive
                        ? new TerminalApprover(
                                new TerminalPrompts(context),
                                marble.redactor(),
                                palette,
                                new ChangePreview(root, tools),
                                "run")
                        : Approver.refuseAll(
                                "nobody can approve it in a headless run; pass --approve-all or allow it in "
                                        + "marble.json");
        Detail detail = verbosity.detail(Detail.RESULT);
        // -vv: the text as it is written, on standard output, in place of the answer printed at the end.
        boolean streamText = detail == Detail.FULL && !events;
        ConsoleRenderer console = new ConsoleRenderer(
                        context.out(),
                        context.err(),
                        detail,
                        streamText ? ConsoleRenderer.Text.STREAMED : ConsoleRenderer.Text.NONE,
                        palette,
                        marble.redactor())
                .withSpinner(Spinner.on(context, !verbosity.quiet))
                .withTerminals(context);
        // --json: the events on standard output, as every --json stream; the last is run_finished, with the answer.
        EventSink sink = !events
                ? console
                : switch (format) {
                    case LLM_DO -> new LlmDoJsonRenderer(context.err(), marble.redactor());
                    case LLMPROC -> event -> {}; // the object is written from the result
                    case MARBLE -> new JsonLinesRenderer(context.out(), marble.redactor());
                };
        marble.events().subscribe(sink);
        marble.openJournal();
        marble.exportTelemetry();
        AgentRun run =
                marble.agentRun(spec, tools, new ApprovalGate(policy, approver), RunControl.HEADLESS, root, "run");
        AgentResult result = run.run(List.of(), prompt);
        console.endText();
        if (oneObject) {
            context.out().println(LlmProcJson.of(result, costLimit, marble.redactor()));
        } else if (!marbleJson && result.answer() != null && !(streamText && console.wroteText())) {
            context.out()
                    .println(TerminalText.out(context).show(marble.redactor().redact(result.answer())));
        }
        if (result.ending() == RunEnding.MODEL_FAILED || result.ending() == RunEnding.NO_MODEL) {
            context.err()
                    .println(palette.error("marble: error:") + " "
                            + TerminalText.err(context).show(marble.redactor().redact(result.detail())));
        } else if (detail.atLeast(Detail.PROGRESS) && !events) {
            context.err().println(LoopSummary.of(result, "marble run", palette, TerminalText.err(context)));
        }
        return ExitCodes.of(result.ending());
    }

    /**
     * The full-screen view, if the terminal can show it; a terminal that cannot (too small, unknown) gets the line
     * view, unless {@code --tui} asked for the full screen, which is then a usage error.
     */
    private Optional<TuiSession> openView(String agentName) {
        try {
            return Optional.of(
                    TuiSession.open(agentName, Palette.out(context, commandSpec).ansi()));
        } catch (java.io.UncheckedIOException e) {
            if (tui) throw new UsageException("--tui: " + e.getCause().getMessage());
            return Optional.empty();
        }
    }

    /**
     * The run in llm-do's full-screen view: approvals are asked there, with one key. When the view closes (the run
     * ended, failed or was stopped), the terminal is the person's again and the answer is printed on it, so it stays
     * in the scrollback as the line view leaves it.
     */
    private int runFullScreen(
            TuiSession view,
            Marble marble,
            AgentFiles space,
            AgentFiles.Agent agent,
            AgentSpec spec,
            ToolRegistry tools,
            Path root,
            String prompt) {
        ApprovalPolicy policy = ApprovalPolicy.from(marble.config(), space.approvalRules(agent), false);
        AgentResult result;
        Consumer<String> lines = warnings;
        // A line on standard error would be drawn over the view and stay there: warnings go to the tools pane.
        warnings = warning -> {
            view.panes().note("marble: " + warning, true);
            view.redraw();
        };
        try (view) {
            space.approvalNotes(agent).forEach(note -> view.panes().note("approvals: " + note, false));
            Approver approver = approveAll
                    ? Approver.approveAll()
                    : view.approver(marble.redactor(), new ChangePreview(root, tools));
            marble.events().subscribe(view.listener(marble.redactor()));
            marble.openJournal();
            AgentRun run =
                    marble.agentRun(spec, tools, new ApprovalGate(policy, approver), RunControl.HEADLESS, root, "run");
            result = run.run(List.of(), prompt);
        } finally {
            warnings = lines;
        }
        Palette palette = Palette.err(context, commandSpec);
        // Standard output is the terminal here (the view needs it to be): the answer is shown, not stored, and gets
        // the panes' treatment, so an escape sequence in it cannot steer the terminal once the view has closed.
        if (result.answer() != null)
            context.out().println(TuiText.sanitize(marble.redactor().redact(result.answer())));
        if (result.ending() == RunEnding.MODEL_FAILED || result.ending() == RunEnding.NO_MODEL) {
            context.err()
                    .println(palette.error("marble: error:") + " "
                            + TerminalText.err(context).show(marble.redactor().redact(result.detail())));
        } else {
            context.err().println(LoopSummary.of(result, "marble run", palette, TerminalText.err(context)));
        }
        return ExitCodes.of(result.ending());
    }
}
