package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.agent.AgentResult;
import dev.marble.agent.AgentSession;
import dev.marble.agent.AgentSpec;
import dev.marble.agent.ConversationFile;
import dev.marble.api.AgentFiles;
import dev.marble.error.UsageException;
import dev.marble.format.program.Demo;
import dev.marble.format.worker.SetOverrides;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.approval.ApprovalGate;
import dev.marble.tool.approval.ApprovalPolicy;
import dev.marble.tool.approval.Approver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code marble chat PROGRAM|WORKER}: a conversation with an agent defined in a file, at a terminal. Each line is
 * one agent run that continues the conversation; the answer streams as it is written, tool calls the policy asks
 * about are asked inline. The line editor ({@link ChatTerminal}) brings editing and history.
 */
@Command(
        name = "chat",
        description = {
            "Talk to the agent of a .worker or .toml file, line by line.",
            "llm-do workers and LLMProc programs. exit or quit (or Ctrl+D) ends it; reset forgets the conversation;"
                    + " /save FILE and /load FILE keep it; /model switches the model, /cost and /tokens say what the"
                    + " chat has spent."
        },
        footer = {
            "  marble chat",
            "  marble chat helper.toml",
            "  marble chat main.worker tools.jar --approve-all",
            "  marble chat --load saved.json main.worker"
        })
final class ChatCommand implements Callable<Integer> {

    static final String HELP = """
            exit, quit, Ctrl+D   end the chat
            reset                forget the conversation (the instructions and preloaded files stay)
            /save FILE           save the conversation (Marble's conversation format)
            /load FILE           continue a saved conversation (Marble's format or an llm-loop export)
            /model [MODEL]       the model that answers; with MODEL, switch to it (e.g. /model openai:gpt-4.1)
            /cost                tokens and dollars spent so far in this chat
            /tokens              tokens so far, and how much context the conversation fills
            /help                this list
            Ctrl+C               stop the answer being written; the conversation so far is kept""";

    private final CliContext context;

    @Parameters(
            paramLabel = "FILE",
            arity = "0..*",
            description = "The agent's file, then any .worker, .toml, .java, .jar and .py files it calls. None: the"
                    + " agent files here and in examples/ are listed to pick from (llmproc-demo).")
    List<Path> files = List.of();

    @Option(
            names = {"-e", "--entry"},
            paramLabel = "NAME",
            description = "The agent to talk to (default: the first file's).")
    String entry;

    @Option(
            names = {"-m", "--model"},
            paramLabel = "MODEL",
            description = "The agent's model (else its own, as marble run).")
    String model;

    @Option(
            names = {"-s", "--set"},
            paramLabel = "KEY=VALUE",
            description = "Override a key of the worker's front matter.")
    List<String> sets = List.of();

    @Option(names = "--approve-all", description = "Approve every tool call the policy would ask about.")
    boolean approveAll;

    @Option(names = "--load", paramLabel = "FILE", description = "Start from a saved conversation.")
    Path load;

    @Option(
            names = "--max-depth",
            paramLabel = "N",
            description = "How deep agents may delegate (default: max_delegation_depth in marble.json, else 5).")
    Integer maxDepth;

    @Option(
            names = {"-C", "--workspace"},
            paramLabel = "DIR",
            description = "The folder file and shell tools work in.")
    Path workspace;

    @Option(
            names = "--demo",
            description = "First run the program's [demo] prompts one after another, as llmproc-demo did.")
    boolean demo;

    @Spec
    CommandSpec commandSpec;

    @picocli.CommandLine.Mixin
    SandboxOption sandbox = new SandboxOption();

    /** Sent before the first line is read: the prompt words of {@code marble run --chat}. */
    String firstMessage;

    private final ChatTally tally = new ChatTally();

    ChatCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path cwd = context.environment().workingDirectory();
        List<Path> named = files == null ? List.of() : files;
        if (named.isEmpty()) {
            Optional<Path> picked = pick(cwd);
            if (picked.isEmpty()) return ExitCodes.OK;
            named = List.of(picked.get());
        }
        List<Path> agentFiles = new ArrayList<>();
        for (Path file : named) {
            Path absolute = cwd.resolve(file).normalize();
            if (!Files.isRegularFile(absolute)) throw new UsageException("file not found: " + file);
            agentFiles.add(absolute);
        }
        Path root = ToolAssembly.workspace(workspace, context);

        try (Marble marble = Marble.start(context.environment(), context.err()::println, context.redactor())) {
            sandbox.apply(marble);
            AgentFiles space = AgentFiles.load(
                    agentFiles, entry, SetOverrides.parse(sets), marble, RunCommand.delegation(marble, maxDepth));
            space.warnings().forEach(warning -> context.err().println("marble: warning: " + warning));
            AgentFiles.Agent agent = entry == null ? space.first() : space.agent(entry);
            AgentSpec spec = space.spec(agent, model);
            List<String> notes = new ArrayList<>();
            space.approvalNotes(agent).forEach(note -> notes.add("approvals: " + note));
            marble.openJournal();
            marble.exportTelemetry();
            Palette palette = Palette.err(context, commandSpec);
            ToolRegistry tools = space.tools(agent, notes);
            try (space; // its Python processes end with the chat
                    ChatTerminal terminal =
                            ChatTerminal.open(context, marble.stateDirectory().resolve("chat_history"))) {
                Approver approver = approveAll
                        ? Approver.approveAll()
                        : new TerminalApprover(
                                new TerminalPrompts(
                                        terminal::readLine,
                                        context.err(),
                                        // The line editor draws its questions on the terminal itself.
                                        terminal instanceof ChatTerminal.Editor
                                                ? TerminalText.SANITIZED
                                                : TerminalText.err(context)),
                                marble.redactor(),
                                palette,
                                new ChangePreview(root, tools),
                                "session");
                ApprovalGate gate = new ApprovalGate(
                        ApprovalPolicy.from(marble.config(), space.approvalRules(agent), false), approver);
                try (AgentSession session = AgentSession.builder(marble, spec)
                        .tools(tools)
                        .gate(gate)
                        .workspace(root)
                        .kind("chat")
                        .build()) {
                    notes.forEach(note -> context.err().println("marble: " + note));
                    ChatRenderer renderer =
                            new ChatRenderer(context, palette, Spinner.on(context, true), marble.redactor());
                    marble.events().subscribe(renderer);
                    if (load != null) loadConversation(session, cwd.resolve(load));
                    context.err().println(AgentSummary.line(agent, spec, tools.names()));
                    context.err()
                            .println("marble chat: " + agent.name() + " on " + spec.model()
                                    + " (exit to leave, /help for commands)");
                    String speaker = terminal instanceof ChatTerminal.Editor ? agent.name() + "> " : "";
                    if (firstMessage != null && !firstMessage.isBlank()) {
                        answer(session, renderer, firstMessage.strip(), speaker, marble);
                    } else {
                        // LLMProc v0.9: a program's [prompt] user runs as soon as the program starts.
                        Optional<String> user = space.userPrompt(agent);
                        if (user.isPresent())
                            answer(session, renderer, user.get().strip(), speaker, marble);
                    }
                    if (demo && !runDemo(space.demo(agent), session, terminal, renderer, speaker, marble)) {
                        return ExitCodes.OK;
                    }
                    return converse(session, terminal, renderer, cwd, speaker, marble);
                }
            }
        }
    }

    /**
     * llmproc-demo's picker: at a terminal the agent files here and in {@code examples/}, numbered, and the one the
     * person picks (empty when they leave); elsewhere a usage error saying how to name one.
     */
    private Optional<Path> pick(Path cwd) {
        List<AgentFileListing.Found> found = AgentFileListing.in(cwd);
        if (!context.stdinIsTerminal()) throw AgentPicker.usage(found);
        // Read byte by byte: what is typed after the number belongs to the chat's own reader.
        TerminalPrompts prompts = new TerminalPrompts(
                prompt -> {
                    context.err().print(prompt);
                    context.err().flush();
                    return UnbufferedLines.readLine(context.in());
                },
                context.err());
        return new AgentPicker(prompts, context.err()).pick(found);
    }

    /**
     * Reads and answers lines until the person leaves. At a terminal the prompt and the answers are labelled as
     * LLMProc's chat labelled them ({@code You> }, {@code NAME> }); piped, the output is the answers alone.
     */
    private int converse(
            AgentSession session,
            ChatTerminal terminal,
            ChatRenderer renderer,
            Path cwd,
            String speaker,
            Marble marble) {
        Palette palette = Palette.err(context, commandSpec);
        while (true) {
            ChatTerminal.Line line = terminal.next("You> ");
            switch (line) {
                case ChatTerminal.Line.End end -> {
                    return ExitCodes.OK;
                }
                case ChatTerminal.Line.Interrupted interrupted ->
                    context.err().println("(type exit or press Ctrl+D to leave)");
                case ChatTerminal.Line.Text text -> {
                    String input = text.text().strip();
                    if (input.isEmpty()) continue;
                    ChatInput command = ChatInput.parse(input);
                    switch (command) {
                        case ChatInput.Exit exit -> {
                            return ExitCodes.OK;
                        }
                        case ChatInput.Reset reset -> {
                            session.reset();
                            context.err().println("(conversation cleared; instructions and preloaded files kept)");
                        }
                        case ChatInput.Help help -> context.err().println(HELP);
                        case ChatInput.Save save -> saveConversation(session, cwd.resolve(save.file()));
                        case ChatInput.Load loadFile -> loadConversation(session, cwd.resolve(loadFile.file()));
                        case ChatInput.Model model -> model(session, model.reference(), marble);
                        case ChatInput.Cost cost ->
                            context.err()
                                    .println("(" + Words.count(tally.answers(), "answer") + ": "
                                            + ChatTally.tokens(tally.usage()) + " · "
                                            + palette.cost(Words.cost(tally.cost())) + ")");
                        case ChatInput.Tokens tokens ->
                            context.err()
                                    .println("(" + Words.count(tally.answers(), "answer")
                                            + ": " + ChatTally.tokens(tally.usage()) + "; the last answer read "
                                            + Words.count(
                                                    tally.last().inputTokens()
                                                            + tally.last().cacheReadTokens()
                                                            + tally.last().cacheWriteTokens(),
                                                    "token")
                                            + " of conversation and instructions)");
                        case ChatInput.Unknown unknown ->
                            context.err()
                                    .println("unknown command " + unknown.word()
                                            + "; /help lists them (start a message with // to send a slash)");
                        case ChatInput.Message message -> answer(session, renderer, message.text(), speaker, marble);
                    }
                }
            }
        }
    }

    /**
     * Runs the demo's prompts in order, each shown as if typed; at a terminal, waits for Enter before each next one
     * when the demo says so. False when the person left during a pause.
     */
    private boolean runDemo(
            Demo demo,
            AgentSession session,
            ChatTerminal terminal,
            ChatRenderer renderer,
            String speaker,
            Marble marble) {
        if (demo.isEmpty()) {
            context.err().println("marble chat: the program has no [demo] prompts");
            return true;
        }
        boolean pause = demo.pauseBetweenPrompts() && terminal instanceof ChatTerminal.Editor;
        for (int i = 0; i < demo.prompts().size(); i++) {
            if (pause && i > 0) {
                ChatTerminal.Line line = terminal.next("(Enter for the next demo prompt) ");
                if (line instanceof ChatTerminal.Line.End) return false;
            }
            String prompt = demo.prompts().get(i);
            context.err().println("You> " + prompt);
            answer(session, renderer, prompt, speaker, marble);
        }
        return true;
    }

    private void answer(AgentSession session, ChatRenderer renderer, String input, String speaker, Marble marble) {
        context.out().print(speaker);
        context.out().flush();
        AgentResult result = session.run(input);
        renderer.endText();
        tally.add(result);
        switch (result.ending()) {
            case ANSWERED, COMPLETED -> {}
            case INTERRUPTED -> {
                // Back to the prompt: the next Ctrl+C interrupts again instead of quitting.
                InterruptHandler.rearm();
                context.err().println("(interrupted; the conversation so far is kept)");
            }
            case MODEL_FAILED, NO_MODEL ->
                context.err()
                        .println("marble: error: "
                                + TerminalText.err(context)
                                        .show(marble.redactor().redact(result.detail())));
            default ->
                context.err()
                        .println("marble: " + result.ending().wireName() + ": "
                                + TerminalText.err(context).show(result.detail()));
        }
        context.err().println(Palette.err(context, commandSpec).dim("  " + ChatTally.line(result)));
    }

    /** {@code /model}: says which model answers; with a reference, the next answers come from that one. */
    private void model(AgentSession session, String reference, Marble marble) {
        if (reference.isEmpty()) {
            context.err()
                    .println("(model: " + session.spec().model()
                            + (session.spec().fallbacks().isEmpty()
                                    ? ""
                                    : ", then "
                                            + String.join(
                                                    ", ",
                                                    session.spec().fallbacks().stream()
                                                            .map(Object::toString)
                                                            .toList()))
                            + ")");
            return;
        }
        try {
            var model = marble.resolver().resolve(reference);
            session.useModel(model);
            context.err().println("(model: " + model + " from the next answer on; the conversation is kept)");
        } catch (RuntimeException e) {
            context.err()
                    .println("marble: "
                            + context.redactor().redact(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private void saveConversation(AgentSession session, Path file) {
        try {
            session.save(file);
            context.err().println("(saved " + session.conversation().size() + " messages to " + file + ")");
        } catch (RuntimeException e) {
            context.err().println("marble: " + context.redactor().redact(e.getMessage()));
        }
    }

    private void loadConversation(AgentSession session, Path file) {
        try {
            ConversationFile.Saved saved = ConversationFile.read(file);
            session.load(saved.messages());
            context.err()
                    .println("(loaded " + saved.messages().size() + " messages from " + file
                            + "; the agent keeps its own instructions)");
        } catch (RuntimeException e) {
            context.err().println("marble: " + context.redactor().redact(e.getMessage()));
        }
    }
}
