package dev.marble.api;

import dev.marble.Marble;
import dev.marble.agent.AgentSession;
import dev.marble.agent.AgentSpec;
import dev.marble.config.Environment;
import dev.marble.model.ChatOptions;
import dev.marble.model.ModelRef;
import dev.marble.provider.ChatModel;
import dev.marble.tool.Tool;
import dev.marble.tool.Toolset;
import dev.marble.tool.approval.ApprovalRule;
import dev.marble.tool.approval.Decision;
import dev.marble.tool.java.JavaToolset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * How an {@link Agent} is put together; see {@link Agent} for an example. Everything has a default but the name:
 * the model configuration chooses, no instructions, no tools, Marble's limits, no approver (calls that need one
 * are refused, and the result says how to choose one), the working directory as workspace, and a Marble of the
 * agent's own started from the process's environment.
 */
public final class AgentBuilder {

    private final String name;
    private Marble marble;
    private String model;
    private ChatModel modelInstance;
    private String instructions;
    private final List<Toolset> toolsets = new ArrayList<>();
    private final List<Tool> tools = new ArrayList<>();
    private Limits limits = Limits.defaults();
    private ChatOptions options = ChatOptions.DEFAULTS;
    private dev.marble.tool.approval.Approver approver;
    private final List<ApprovalRule> rules = new ArrayList<>();
    private final List<AgentListener> listeners = new ArrayList<>();
    private final List<dev.marble.agent.StopCondition> stopConditions = new ArrayList<>();
    private Path workspace;
    private boolean journal;
    private Consumer<String> warnings = System.err::println;

    AgentBuilder(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new IllegalArgumentException("an agent needs a name");
        this.name = name;
    }

    /**
     * The model, as the command line names it: {@code "anthropic:claude-sonnet-4-6"}, an alias ({@code "sonnet"}),
     * or a replay ({@code "scripted:replies.yaml"}). Default: what configuration chooses, as {@code marble run} does.
     */
    public AgentBuilder model(String model) {
        this.model = Objects.requireNonNull(model, "model");
        this.modelInstance = null;
        return this;
    }

    /**
     * A model you hold. It is registered with the agent's Marble under a name of its own and wrapped like any
     * provider's model: retried, observed, and priced when the pricing table knows the model it reports.
     */
    public AgentBuilder model(ChatModel model) {
        this.modelInstance = Objects.requireNonNull(model, "model");
        this.model = null;
        return this;
    }

    /** The system prompt. */
    public AgentBuilder instructions(String instructions) {
        this.instructions = instructions;
        return this;
    }

    /**
     * Objects whose {@link Tool} methods the model may call, on those objects (so they may hold what you give them:
     * a connection, a client). They stay yours to close.
     *
     * @throws dev.marble.error.UsageException when an object has no {@code @Tool} method or one cannot be a tool
     */
    public AgentBuilder tools(Object... instances) {
        for (Object instance : instances) {
            Objects.requireNonNull(instance, "instance");
            if (instance instanceof Toolset || instance instanceof Tool) {
                throw new IllegalArgumentException(instance + " is a "
                        + (instance instanceof Toolset
                                ? "toolset;" + " give it with toolsets(...)"
                                : "tool; give it with tool(...)")
                        + "; tools(...) takes objects with @Tool methods");
            }
            toolsets.add(JavaToolset.of(instance));
        }
        return this;
    }

    /** Toolsets: {@link Tools#files()}, {@link Tools#shell()}, an MCP server's, your own. The agent closes them. */
    public AgentBuilder toolsets(Toolset... more) {
        for (Toolset toolset : more) toolsets.add(Objects.requireNonNull(toolset, "toolset"));
        return this;
    }

    /** Single tools, such as those {@link Tools#of} makes. */
    public AgentBuilder tool(Tool... more) {
        for (Tool tool : more) tools.add(Objects.requireNonNull(tool, "tool"));
        return this;
    }

    /** Changes the limits, from Marble's defaults: {@code limits(l -> l.maxTurns(10).costBudgetUsd("0.50"))}. */
    public AgentBuilder limits(UnaryOperator<Limits> change) {
        this.limits = Objects.requireNonNull(change.apply(limits), "limits");
        return this;
    }

    /** Call options: temperature, maximum output tokens and the like. */
    public AgentBuilder options(ChatOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * Who answers when the approval policy asks about a call; see {@link Approver}. Without one, such calls are
     * refused, and the refusal and the run's detail say how to choose one.
     */
    public AgentBuilder approver(dev.marble.tool.approval.Approver approver) {
        this.approver = Objects.requireNonNull(approver, "approver");
        return this;
    }

    /**
     * Approval rules that let calls run without asking, beside marble.json's: {@code "read_notes"},
     * {@code "write_file(out/*)"}, {@code "run_command(git status*)"}. Deny rules and built-in blocks still win.
     */
    public AgentBuilder allow(String... toolRules) {
        return rules(Decision.ALLOW, toolRules);
    }

    /** Approval rules that refuse calls whatever any approver says: {@code "run_command(rm *)"}. */
    public AgentBuilder deny(String... toolRules) {
        return rules(Decision.DENY, toolRules);
    }

    private AgentBuilder rules(Decision decision, String... toolRules) {
        for (String rule : toolRules) {
            rules.add(ApprovalRule.parse(decision, Objects.requireNonNull(rule, "rule"), null));
        }
        return this;
    }

    /** Hears the agent's model calls, tool calls, approvals and ends of runs. */
    public AgentBuilder listener(AgentListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Reasons of your own to end a run, checked after Marble's limits; see {@link StopCondition}. */
    public AgentBuilder stopWhen(StopCondition... conditions) {
        for (StopCondition condition : conditions) stopConditions.add(Objects.requireNonNull(condition, "condition"));
        return this;
    }

    /** The folder the file and shell tools work in and may not leave (default: the working directory). */
    public AgentBuilder workspace(Path workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        return this;
    }

    /**
     * Runs in {@code marble}, which you close, sharing its configuration, events and journal. Without it the agent
     * starts a Marble of its own from the process's environment and closes it with itself.
     */
    public AgentBuilder marble(Marble marble) {
        this.marble = Objects.requireNonNull(marble, "marble");
        return this;
    }

    /** Records every model call and run in the project's journal, {@code .marble/journal.db}. */
    public AgentBuilder journal() {
        this.journal = true;
        return this;
    }

    /** Where the agent's own Marble reports warnings (default: standard error). */
    public AgentBuilder warnings(Consumer<String> warnings) {
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        return this;
    }

    /**
     * The agent, ready to run.
     *
     * @throws dev.marble.error.UsageException for an unknown model or provider, or two tools of one name
     */
    public Agent build() {
        boolean owned = marble == null;
        Marble runIn = owned ? Marble.start(Environment.system(), warnings) : marble;
        try {
            if (journal) runIn.openJournal();
            AgentSpec spec = new AgentSpec(name, modelRef(runIn), List.of(), instructions, options, limits.runLimits());
            List<Toolset> all = new ArrayList<>(toolsets);
            if (!tools.isEmpty()) all.add(Toolset.of("tools of agent " + name, tools));
            UnchosenApprover unchosen = approver == null ? new UnchosenApprover() : null;
            AgentSession.Builder session = AgentSession.builder(runIn, spec)
                    .toolsets(all.toArray(Toolset[]::new))
                    .approver(approver != null ? approver : unchosen)
                    .rules(rules)
                    .stopWhen(stopConditions.toArray(dev.marble.agent.StopCondition[]::new));
            if (workspace != null) session.workspace(workspace);
            ListenerSink sink = new ListenerSink(name, listeners);
            sink.subscribeTo(runIn.events());
            return new Agent(session.build(), owned ? runIn : null, unchosen, sink);
        } catch (RuntimeException failure) {
            if (owned) runIn.close();
            throw failure;
        }
    }

    private ModelRef modelRef(Marble runIn) {
        if (model != null) return runIn.resolver().resolve(model);
        if (modelInstance != null) {
            ModelRef registered = runIn.registerModel(freeProviderName(runIn), modelInstance);
            // The model the instance says it is, so that journal lines name it and a price for it applies.
            ModelRef own = modelInstance.ref();
            return own == null ? registered : new ModelRef(registered.provider(), own.model());
        }
        return runIn.chooser().choose(null).ref();
    }

    /** A provider name no other model of this Marble has: two agents sharing a Marble keep their own models. */
    private String freeProviderName(Marble runIn) {
        String base = name.replaceAll("[^A-Za-z0-9_.-]", "-") + "-model";
        String candidate = base;
        for (int n = 2; runIn.catalog().find(candidate).isPresent(); n++) candidate = base + "-" + n;
        return candidate;
    }
}
