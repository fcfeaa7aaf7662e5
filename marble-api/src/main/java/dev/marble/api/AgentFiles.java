package dev.marble.api;

import dev.marble.Marble;
import dev.marble.agent.AgentSession;
import dev.marble.agent.AgentSpec;
import dev.marble.agent.delegate.Delegate;
import dev.marble.agent.delegate.DelegateTool;
import dev.marble.agent.delegate.Delegation;
import dev.marble.agent.delegate.DelegationDiagnostics;
import dev.marble.agent.delegate.ForkTool;
import dev.marble.agent.delegate.SpawnTool;
import dev.marble.config.ConfigWarning;
import dev.marble.error.NoModelException;
import dev.marble.error.SourceLocation;
import dev.marble.error.UsageException;
import dev.marble.format.program.Demo;
import dev.marble.format.program.LoadedProgram;
import dev.marble.format.program.Program;
import dev.marble.format.program.ProgramLoader;
import dev.marble.format.program.ToolConfig;
import dev.marble.format.worker.EntryResolution;
import dev.marble.format.worker.ModelPrecedence;
import dev.marble.format.worker.SetOverrides;
import dev.marble.format.worker.ToolsetRef;
import dev.marble.format.worker.WorkerDefinition;
import dev.marble.format.worker.WorkerFile;
import dev.marble.json.Json;
import dev.marble.model.ModelRef;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.ToolResult;
import dev.marble.tool.Toolset;
import dev.marble.tool.approval.ApprovalGate;
import dev.marble.tool.approval.ApprovalRule;
import dev.marble.tool.builtin.BuiltinToolsets;
import dev.marble.tool.builtin.LlmProcTools;
import dev.marble.tool.java.JavaTools;
import dev.marble.tool.python.PythonFile;
import dev.marble.tool.python.PythonStyle;
import dev.marble.tool.python.PythonToolset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Agents defined in files: every {@code .worker} (llm-do) and {@code .toml} (LLMProc) file given, by name, the
 * Java toolsets of the {@code .java} and {@code .jar} files and the Python toolsets of the {@code .py} files (llm-do's
 * module-level {@code FunctionToolset} variables), in one space of names (llm-do's "function space"), so that an
 * agent's toolsets can name any of them, and a Python tool can call any of them back ({@code ctx.deps.call}). Two
 * agents of one name are an error naming both files. Closing the files ends their Python processes. What
 * {@code marble run} and {@code marble chat} load, and what a library user loads:
 * <pre>{@code
 * try (AgentFiles files = AgentFiles.load(marble, List.of(Path.of("main.worker"), Path.of("helper.worker")));
 *         AgentSession main = files.session("main").build()) {
 *     AgentResult result = main.run("Summarise notes.txt");
 * }
 * }</pre>
 */
public final class AgentFiles implements AutoCloseable {

    /** An agent the files define: a worker or a program. */
    public sealed interface Agent permits WorkerAgent, ProgramAgent {
        String name();

        Path file();
    }

    public record WorkerAgent(WorkerDefinition worker) implements Agent {
        public String name() {
            return worker.name();
        }

        public Path file() {
            return worker.file();
        }
    }

    public record ProgramAgent(Program program) implements Agent {
        public String name() {
            return program.name();
        }

        public Path file() {
            return program.file();
        }
    }

    private final Map<String, Agent> agents;
    private final Map<String, List<Toolset>> javaToolsets;
    private final List<ConfigWarning> warnings;
    private final Marble marble;
    private final Delegation delegation;
    private final List<PythonFile> pythonFiles;

    private AgentFiles(
            Map<String, Agent> agents,
            Map<String, List<Toolset>> javaToolsets,
            List<ConfigWarning> warnings,
            Marble marble,
            Delegation delegation,
            List<PythonFile> pythonFiles) {
        this.agents = agents;
        this.javaToolsets = javaToolsets;
        this.warnings = warnings;
        this.marble = marble;
        this.delegation = delegation;
        this.pythonFiles = pythonFiles;
        for (PythonFile file : pythonFiles) file.callBack(this::callBack);
    }

    /** Loads the files, with the delegation depth limit of configuration ({@code max_delegation_depth}). */
    public static AgentFiles load(Marble marble, List<Path> files) {
        return load(files, null, SetOverrides.parse(List.of()), marble, new Delegation(marble));
    }

    /**
     * Loads the files; {@code overrides} ({@code --set}) apply to the worker named {@code entry} only, as in llm-do.
     * {@code delegation} holds the depth limit every delegated call of these agents answers to.
     */
    public static AgentFiles load(
            List<Path> files, String entry, SetOverrides overrides, Marble marble, Delegation delegation) {
        Loading loading = new Loading(entry, overrides, marble);
        try {
            for (Path file : files) loading.read(file);
        } catch (RuntimeException e) {
            loading.python.forEach(PythonFile::close); // no Python process outlives a load that failed
            throw e;
        }
        return new AgentFiles(
                loading.agents, loading.java, loading.warnings, marble, delegation, List.copyOf(loading.python));
    }

    /** What the files read so far define. */
    private static final class Loading {
        private final String entry;
        private final SetOverrides overrides;
        private final Marble marble;
        private final Map<String, Agent> agents = new LinkedHashMap<>();
        private final Map<String, List<Toolset>> java = new LinkedHashMap<>();
        private final List<ConfigWarning> warnings = new ArrayList<>();
        private final List<PythonFile> python = new ArrayList<>();

        Loading(String entry, SetOverrides overrides, Marble marble) {
            this.entry = entry;
            this.overrides = overrides;
            this.marble = marble;
        }

        void read(Path file) {
            String name = file.getFileName().toString();
            if (name.endsWith(".py")) {
                PythonFile loaded = PythonFile.load(file, PythonStyle.TOOLSETS, StandardTools.pythonSetup(marble));
                python.add(loaded);
                if (loaded.toolsets().isEmpty()) {
                    warnings.add(new ConfigWarning(
                            SourceLocation.of(file),
                            "defines no module-level FunctionToolset, so no tools for workers (marble loop"
                                    + " --functions takes every public function of a file)"));
                }
                // Views that do not close the host: each run's registry is closed, the file only with these files.
                for (PythonToolset set : loaded.toolsets()) {
                    if (java.containsKey(set.variable())) {
                        throw new UsageException(file + ": a toolset named '" + set.variable()
                                + "' is already defined by another file of this run; rename one of them");
                    }
                    java.put(set.variable(), List.of(Toolset.of(set.name(), set.tools())));
                }
            } else if (name.endsWith(".worker")) {
                WorkerDefinition worker = WorkerFile.load(file);
                if (worker.name().equals(entry) && !overrides.isEmpty()) worker = WorkerFile.load(file, overrides);
                warnings.addAll(worker.warnings());
                add(agents, new WorkerAgent(worker));
            } else if (name.endsWith(".toml") || name.endsWith(".yaml") || name.endsWith(".yml")) {
                LoadedProgram loaded = ProgramLoader.load(file);
                warnings.addAll(loaded.warnings());
                add(agents, new ProgramAgent(loaded.program()));
                if (DelegationDiagnostics.wanted(marble.environment()))
                    ProgramDiagnostics.describe(loaded.program()).forEach(marble::warn);
            } else {
                List<Toolset> toolsets =
                        JavaTools.load(file, marble.stateDirectory().resolve("cache/functions"));
                for (Toolset toolset : toolsets) java.put(toolset.name(), List.of(toolset));
                java.put(stem(name), toolsets);
            }
        }
    }

    /** Ends the Python processes of the {@code .py} files. */
    @Override
    public void close() {
        pythonFiles.forEach(PythonFile::close);
    }

    /**
     * A Python tool of these files called {@code name} that no agent is called: llm-do's code entry, run with
     * {@code {"input": prompt}} by {@link #runCodeEntry}.
     */
    public Optional<Tool> codeEntry(String name) {
        if (name == null || agents.containsKey(name)) return Optional.empty();
        return pythonFiles.stream()
                .map(file -> file.tool(name))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * Runs a code entry on {@code prompt}: the function gets {@code {"input": prompt}} and calls workers and tools
     * through {@code ctx.deps.call}, each through {@code gate}. Its delegated runs inherit {@code model} (null: the
     * configured default) when their files name none.
     */
    public ToolResult runCodeEntry(Tool entry, String prompt, ApprovalGate gate, Path workspace, String model)
            throws InterruptedException {
        ModelRef ref = model == null ? defaultModel() : marble.resolver().resolve(model);
        EntryContext context =
                new EntryContext("code-entry-" + UUID.randomUUID(), workspace, marble.toolEnvironment(), gate, ref);
        ObjectNode input = Json.object();
        input.put("input", prompt);
        try {
            return entry.call(input, context);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return ToolResult.error(marble.redactor().redact(String.valueOf(e.getMessage())));
        }
    }

    /**
     * The model a code entry's workers inherit when their files name none; null when none is configured, which is
     * no error while every worker it calls names its own (a worker without one then fails as it would anyway).
     */
    private ModelRef defaultModel() {
        try {
            return marble.chooser().choose(null).ref();
        } catch (NoModelException none) {
            return null;
        }
    }

    /**
     * Answers a Python tool's {@code ctx.deps.call(name, arguments)}: a worker of these files (a delegated run, as a
     * model's call of it would be), or a Python or Java tool of them; each through the calling run's approval gate.
     */
    private ToolResult callBack(String name, JsonNode arguments, ToolContext context) throws Exception {
        Tool tool = functionNamed(name);
        if (tool == null) {
            return ToolResult.error("ctx.deps.call: no worker or tool '" + name + "'; available: "
                    + String.join(", ", functionNames()));
        }
        ApprovalGate gate = context.approvals();
        if (gate == null) return ToolResult.error("ctx.deps.call('" + name + "'): not run outside a run");
        ApprovalGate.Verdict verdict =
                gate.check(tool, "python", arguments, context.runId(), context.workspace(), reason -> {});
        if (!verdict.allowed()) return ToolResult.error("not run: " + verdict.reason());
        return tool.call(arguments, context);
    }

    private Tool functionNamed(String name) {
        if (agents.get(name) instanceof WorkerAgent worker) {
            List<String> notes = new ArrayList<>();
            DelegateTool tool = new DelegateTool(delegate(worker, notes), delegation);
            notes.forEach(marble::warn);
            return tool;
        }
        for (List<Toolset> sets : javaToolsets.values()) {
            for (Toolset set : sets) {
                for (Tool tool : set.tools()) if (tool.name().equals(name)) return tool;
            }
        }
        return null;
    }

    private List<String> functionNames() {
        List<String> names = new ArrayList<>();
        agents.values().stream().filter(a -> a instanceof WorkerAgent).forEach(a -> names.add(a.name()));
        javaToolsets.values().stream()
                .flatMap(List::stream)
                .flatMap(set -> set.tools().stream())
                .map(Tool::name)
                .distinct()
                .forEach(names::add);
        return names;
    }

    private static void add(Map<String, Agent> agents, Agent agent) {
        Agent before = agents.putIfAbsent(agent.name(), agent);
        if (before != null) {
            throw new UsageException(
                    "two agents are named '" + agent.name() + "': " + before.file() + " and " + agent.file());
        }
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }

    public List<ConfigWarning> warnings() {
        return warnings;
    }

    /** Every agent's name, in the order of the files. */
    public List<String> names() {
        return List.copyOf(agents.keySet());
    }

    /** The agent of that name; an unknown name is an error listing the available ones (llm-do's {@code --entry}). */
    public Agent agent(String name) {
        return agents.get(EntryResolution.resolve(name, agents.keySet()));
    }

    /** The agent the first agent file defines, for commands that talk to one agent ({@code marble chat}). */
    public Agent first() {
        if (agents.isEmpty()) throw new UsageException("no agent file: give at least one .worker or .toml file");
        return agents.values().iterator().next();
    }

    /**
     * The agent ready to run: on {@code model} when given, else for a worker llm-do's order (its own {@code model},
     * {@code LLM_DO_MODEL}, {@code MARBLE_MODEL}, configuration) and for a program its own.
     */
    public AgentSpec spec(Agent agent, String model) {
        return switch (agent) {
            case WorkerAgent w -> {
                ModelRef ref = ModelPrecedence.forEntry(
                                model, w.worker().model(), marble.environment().variables())
                        .map(choice -> marble.resolver().resolve(choice.model()))
                        .orElseGet(() -> marble.chooser().choose(null).ref());
                yield w.worker().toAgentSpec(ref);
            }
            case ProgramAgent p -> {
                AgentSpec own = p.program().agent();
                yield model == null
                        ? own
                        : new AgentSpec(
                                own.name(),
                                marble.resolver().resolve(model),
                                own.fallbacks(),
                                own.instructions(),
                                own.options(),
                                own.limits());
            }
        };
    }

    /**
     * A program's {@code [prompt] user}: LLMProc v0.9 ran it as soon as the program started when no prompt was
     * given. Empty for a worker and for a program without one.
     */
    public Optional<String> userPrompt(Agent agent) {
        return agent instanceof ProgramAgent p ? Optional.ofNullable(p.program().userPrompt()) : Optional.empty();
    }

    /** A program's {@code [demo]}: prompts run one after another in one conversation; none for a worker. */
    public Demo demo(Agent agent) {
        return agent instanceof ProgramAgent p ? p.program().demo() : Demo.NONE;
    }

    /** The approval rules an agent's file configures (a worker's shell and filesystem settings); none for a program. */
    public List<ApprovalRule> approvalRules(Agent agent) {
        return agent instanceof WorkerAgent w ? w.worker().approvals().rules() : List.of();
    }

    /** What Marble could not say in its own rules, from a worker's approval settings (shown before a run). */
    public List<String> approvalNotes(Agent agent) {
        return agent instanceof WorkerAgent w ? w.worker().approvals().notes() : List.of();
    }

    /**
     * A session with the agent of that name: its model (see {@link #spec}), its tools, its file's approval rules.
     * Notes about its tools (a tool left out, an MCP warning) go to {@code notes}. Set an approver on the builder
     * for calls the rules ask about; without one they are refused.
     */
    public AgentSession.Builder session(String name, String model, List<String> notes) {
        Agent agent = agent(name);
        return AgentSession.builder(marble, spec(agent, model))
                .tools(tools(agent, notes))
                .rules(approvalRules(agent));
    }

    /** {@link #session(String, String, List)} on the agent's own model, notes to Marble's warnings. */
    public AgentSession.Builder session(String name) {
        return session(name, null);
    }

    /** {@link #session(String, String, List)}, notes to Marble's warnings; {@code model} null for the agent's own. */
    public AgentSession.Builder session(String name, String model) {
        List<String> notes = new ArrayList<>();
        AgentSession.Builder builder = session(name, model, notes);
        notes.forEach(marble::warn);
        return builder;
    }

    /**
     * The agent of that name as an {@link dev.marble.api.Agent}, which is what LLMProc's {@code LLMProcess} was: it
     * keeps its conversation from run to run, and {@code preloadFiles} and {@code reset(keepSystemPrompt,
     * keepPreloaded)} change its instructions as LLMProc's {@code preload_files} and {@code reset_state} did (a
     * program's {@code [preload]} files count as preloaded, apart from its system prompt). Calls its rules ask about
     * go to {@code approver}; null refuses them and tells the model and the caller how to allow them. Closing the
     * agent stops its tools; the files and the Marble stay open.
     */
    public dev.marble.api.Agent open(String name, dev.marble.tool.approval.Approver approver) {
        Agent agent = agent(name);
        UnchosenApprover unchosen = approver == null ? new UnchosenApprover() : null;
        AgentSession session = session(agent.name())
                .approver(approver != null ? approver : unchosen)
                .build();
        var instructions = agent instanceof ProgramAgent p
                ? p.program().startConversation()
                : Preloads.of(session.spec().instructions());
        return new dev.marble.api.Agent(
                session, null, unchosen, new ListenerSink(agent.name(), List.of()), instructions);
    }

    /** {@link #open(String, dev.marble.tool.approval.Approver)} for the agent of the first agent file. */
    public dev.marble.api.Agent open(dev.marble.tool.approval.Approver approver) {
        return open(first().name(), approver);
    }

    /**
     * The tools of {@code agent}: its toolsets as its file names them. A worker's {@code shell} and
     * {@code filesystem} are Marble's built-ins; the name of another worker of the run makes that worker a tool
     * (a fresh run per call); any other name is a Java toolset of this run (by class or file name). A program's
     * {@code [tools] builtin} (or {@code enabled}) names built-in toolsets or tools, LLMProc's calculator, read_file,
     * list_dir and goto, {@code spawn} (its linked programs) and {@code fork}, each under the alias and description
     * its tool table gives; its MCP tools are those {@code [tools.mcp]} or {@code [mcp.tools]} select. Registries are built per run, so a
     * worker calling a worker gets fresh tools each time.
     */
    public ToolRegistry tools(Agent agent, List<String> notes) {
        List<Toolset> toolsets = new ArrayList<>();
        switch (agent) {
            case WorkerAgent w -> {
                List<Tool> workers = new ArrayList<>();
                for (ToolsetRef ref : w.worker().toolsets()) {
                    switch (ref) {
                        case ToolsetRef.Shell shell -> toolsets.add(BuiltinToolsets.shell());
                        case ToolsetRef.Filesystem files -> toolsets.add(BuiltinToolsets.llmDoFiles());
                        case ToolsetRef.Named named
                        when agents.get(named.name()) instanceof WorkerAgent other -> {
                            if (other.name().equals(w.name())) {
                                throw new UsageException(named.where() + ": worker '" + w.name()
                                        + "' lists itself; a worker cannot be its own tool");
                            }
                            workers.add(new DelegateTool(delegate(other, notes), delegation));
                        }
                        case ToolsetRef.Named named -> toolsets.addAll(named(named, w.worker()));
                    }
                }
                if (!workers.isEmpty())
                    toolsets.add(Toolset.of("workers " + w.worker().file().getFileName() + " calls", workers));
            }
            case ProgramAgent p -> {
                toolsets.addAll(builtins(p, notes));
                if (p.program().mcp() != null) toolsets.addAll(ProgramMcpTools.load(p.program(), marble, notes));
            }
        }
        return ToolRegistry.of(toolsets);
    }

    /** A worker as another's tool: its own model if its file names one, else its caller's (as in llm-do). */
    private Delegate delegate(WorkerAgent worker, List<String> notes) {
        WorkerDefinition definition = worker.worker();
        if (definition.model() == null) {
            AgentSpec shape = definition.toAgentSpec(new ModelRef("inherited", "inherited"));
            return Delegate.inheritingModel(
                    definition.name(),
                    definition.toolDescription(),
                    shape.instructions(),
                    shape.options(),
                    shape.limits(),
                    () -> tools(worker, notes));
        }
        return Delegate.of(
                definition.toAgentSpec(marble.resolver().resolve(definition.model())),
                definition.toolDescription(),
                () -> tools(worker, notes));
    }

    private Delegate delegate(ProgramAgent program, String description, List<String> notes) {
        return Delegate.of(program.program().agent(), description, () -> tools(program, notes));
    }

    /** A toolset a worker names that is no worker: a Java or Python toolset of the run, by class, file or variable name. */
    private List<Toolset> named(ToolsetRef.Named named, WorkerDefinition worker) {
        List<Toolset> toolsets = javaToolsets.get(named.name());
        if (toolsets != null) return toolsets;
        if (agents.get(named.name()) instanceof ProgramAgent) {
            throw new UsageException(named.where() + ": '" + named.name() + "' is a program; a worker can"
                    + " call workers, and a program its linked programs through spawn");
        }
        List<String> available = new ArrayList<>(javaToolsets.keySet());
        agents.values().stream()
                .filter(a -> a instanceof WorkerAgent && !a.name().equals(worker.name()))
                .forEach(a -> available.add(a.name()));
        available.addAll(List.of("shell", "filesystem"));
        throw new UsageException(named.where() + ": no toolset or worker '" + named.name()
                + "' in this run; available: " + String.join(", ", available));
    }

    private List<Toolset> builtins(ProgramAgent agent, List<String> notes) {
        Program program = agent.program();
        List<Toolset> toolsets = new ArrayList<>();
        List<Tool> single = new ArrayList<>();
        Map<String, Tool> byName = new LinkedHashMap<>();
        for (Toolset set : BuiltinToolsets.all()) for (Tool tool : set.tools()) byName.put(tool.name(), tool);
        for (ToolConfig config : program.tools()) {
            String name = config.name();
            Tool tool = null;
            switch (name) {
                case "files" -> toolsets.add(BuiltinToolsets.files());
                case "shell" -> toolsets.add(BuiltinToolsets.shell());
                case "spawn" -> {
                    Map<String, Delegate> linked = new LinkedHashMap<>();
                    program.linkedPrograms()
                            .forEach((linkName, link) -> linked.put(
                                    linkName, delegate(new ProgramAgent(link.program()), link.description(), notes)));
                    tool = new SpawnTool(linked, delegation);
                }
                case "fork" -> tool = new ForkTool(delegate(agent, program.name(), notes), delegation);
                // LLMProc's own tools (read_file in its shape) before Marble's of the same name.
                default -> tool = LlmProcTools.named(name).orElse(byName.get(name));
            }
            if (tool != null) single.add(ProgramMcpTools.configured(tool, config));
            else if (!name.equals("files") && !name.equals("shell"))
                notes.add(program.file().getFileName() + ": [tools] no built-in tool '" + name + "'; left out");
        }
        if (!single.isEmpty())
            toolsets.add(Toolset.of("tools of " + program.file().getFileName(), single));
        return toolsets;
    }
}
