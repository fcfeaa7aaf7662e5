package dev.marble;

import dev.marble.agent.AgentRun;
import dev.marble.agent.AgentRunRequest;
import dev.marble.agent.AgentRuns;
import dev.marble.agent.AgentSpec;
import dev.marble.agent.RunControl;
import dev.marble.agent.RunIdentity;
import dev.marble.agent.RunLineage;
import dev.marble.agent.RunParts;
import dev.marble.agent.RunServices;
import dev.marble.agent.ToolInvoker;
import dev.marble.agent.delegate.DelegationDiagnostics;
import dev.marble.config.ConfigLoader;
import dev.marble.config.ConfigSchema;
import dev.marble.config.Environment;
import dev.marble.config.MarbleConfig;
import dev.marble.config.ProjectLocator;
import dev.marble.cost.PricedChatModel;
import dev.marble.cost.PricingTable;
import dev.marble.error.UsageException;
import dev.marble.event.EventBus;
import dev.marble.event.EventExporter;
import dev.marble.model.ModelRef;
import dev.marble.process.Sandbox;
import dev.marble.process.SandboxChooser;
import dev.marble.process.SandboxMode;
import dev.marble.process.SandboxSettings;
import dev.marble.provider.Availability;
import dev.marble.provider.ChatModel;
import dev.marble.provider.DebugDumpChatModel;
import dev.marble.provider.DefaultModelChooser;
import dev.marble.provider.ModelResolver;
import dev.marble.provider.ObservedChatModel;
import dev.marble.provider.OllamaModels;
import dev.marble.provider.ProviderCatalog;
import dev.marble.provider.ProviderContext;
import dev.marble.provider.ProviderFactory;
import dev.marble.provider.ProviderSpec;
import dev.marble.provider.ServerToolSupport;
import dev.marble.provider.http.HttpTransport;
import dev.marble.provider.resilience.ResilientChatModel;
import dev.marble.provider.resilience.RetryPolicy;
import dev.marble.secret.OAuthTokenStore;
import dev.marble.secret.SecretRedactor;
import dev.marble.secret.SecretVariables;
import dev.marble.secret.ToolEnvironment;
import dev.marble.store.Journal;
import dev.marble.store.JournalSink;
import dev.marble.store.SqliteLibrary;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.approval.ApprovalGate;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Marble, assembled for one process: configuration, providers, pricing, retries, the event bus and
 * the journal. Commands and embedding programs start here:
 * <pre>{@code
 * try (Marble marble = Marble.start(Environment.system(), System.err::println)) {
 *     ChatModel model = marble.model(marble.resolver().resolve("anthropic:claude-sonnet-4-6"), List.of(), "run-1");
 *     ChatResponse answer = model.chat(ChatRequest.of(null, "Hello"));
 * }
 * }</pre>
 */
public final class Marble implements AgentRuns, AutoCloseable {

    /** Where a call an API refused is written, request and error (LLMProc's {@code debug_dumps}), in {@code .marble/}. */
    public static final String DEBUG_DUMPS = "debug_dumps";

    private final Environment environment;
    private final MarbleConfig config;
    private final ProviderCatalog catalog;
    private final ModelResolver resolver;
    private final PricingTable pricing;
    private final RetryPolicy retryPolicy;
    private final SecretRedactor redactor;
    private final EventBus events;
    private final ProviderContext providerContext;
    private final Consumer<String> warnings;
    private JournalSink journalSink;
    private EventExporter exporter;
    private SandboxMode sandboxFlag;
    private Sandbox sandbox;

    private Marble(Environment environment, MarbleConfig config, Consumer<String> warnings, SecretRedactor redactor) {
        this.environment = environment;
        this.config = config;
        this.warnings = warnings;
        this.redactor = redactor;
        this.catalog = ProviderCatalog.load(config, environment);
        // The built-in providers' key variables too, before any provider, journal or output exists.
        redactor.registerVariables(
                catalog.all().stream()
                        .map(ProviderSpec::apiKeyEnv)
                        .filter(Objects::nonNull)
                        .toList(),
                environment.variables());
        this.resolver = new ModelResolver(catalog, config);
        this.pricing = PricingTable.from(config);
        this.retryPolicy = RetryPolicy.from(config);
        this.events = new EventBus(
                (sink, failure) -> warnings.accept("an event sink failed: " + redactor.redact(failure.getMessage())));
        HttpTransport transport = HttpTransport.create();
        this.providerContext = new ProviderContext(environment, config, transport, redactor, warnings);
        if (DelegationDiagnostics.wanted(environment)) events.subscribe(new DelegationDiagnostics(this::warn));
    }

    /** Loads configuration (failing with a located error if a file is malformed) and reports its warnings. */
    public static Marble start(Environment environment, Consumer<String> warnings) {
        return start(environment, warnings, SecretRedactor.fromEnvironment(environment.variables()));
    }

    /**
     * As {@link #start(Environment, Consumer)}, sharing {@code redactor} with the caller, so that
     * secrets Marble learns from configuration (every variable an {@code *_env} key names, whether or
     * not its provider is ever built) are also removed from the caller's own output.
     */
    public static Marble start(Environment environment, Consumer<String> warnings, SecretRedactor redactor) {
        SqliteLibrary.cacheIn(environment.cacheDirectory());
        MarbleConfig config = ConfigLoader.load(environment);
        redactor.registerVariables(SecretVariables.namedIn(config), environment.variables());
        OAuthTokenStore.of(environment, redactor).registerStored();
        config.warnings().forEach(w -> warnings.accept(redactor.redact("warning: " + w)));
        return new Marble(environment, config, warnings, redactor);
    }

    /** Reports a warning (secrets removed) where this Marble reports its own: the consumer it was started with. */
    public void warn(String warning) {
        warnings.accept(redactor.redact(warning));
    }

    @Override
    public Environment environment() {
        return environment;
    }

    /**
     * The environment tools get (run_command's shell, MCP servers, Java tools): {@link #environment()} without
     * any variable that holds a secret, except those {@code tools.env.pass} names. Built on each call, so that
     * secrets registered later (a chain's bot token) are left out too.
     */
    public Environment toolEnvironment() {
        return ToolEnvironment.of(
                environment,
                redactor,
                config.textList(ConfigSchema.TOOLS_ENV_PASS).value());
    }

    @Override
    public MarbleConfig config() {
        return config;
    }

    public ProviderCatalog catalog() {
        return catalog;
    }

    public ModelResolver resolver() {
        return resolver;
    }

    public PricingTable pricing() {
        return pricing;
    }

    @Override
    public SecretRedactor redactor() {
        return redactor;
    }

    public EventBus events() {
        return events;
    }

    /** The events, clock, ids, redactor and environment runs and chains share (see {@link RunServices}). */
    public RunServices services() {
        return RunServices.of(events, redactor, environment);
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public DefaultModelChooser chooser() {
        return new DefaultModelChooser(
                config, environment, resolver, catalog, new OllamaModels(providerContext.http()));
    }

    /**
     * Sets the sandbox mode {@code --sandbox} asked for, over marble.json's; only before the sandbox is first
     * chosen (by {@link #sandbox()} or the first agent run).
     */
    public synchronized void sandboxMode(SandboxMode mode) {
        if (sandbox != null) throw new IllegalStateException("the sandbox was already chosen: " + sandbox.describe());
        sandboxFlag = mode;
    }

    /**
     * The sandbox shell commands run in, chosen once: marble.json's {@code sandbox} (or {@code --sandbox}), tried
     * on this machine. Throws when {@code bwrap} was asked for and cannot run here.
     */
    public synchronized Sandbox sandbox() {
        if (sandbox == null)
            sandbox = SandboxChooser.choose(sandboxSettings(), environment, stateDirectory(), warnings);
        return sandbox;
    }

    /** The sandbox as configured (marble.json's {@code sandbox}, with {@code --sandbox} over it), not yet tried. */
    public synchronized SandboxSettings sandboxSettings() {
        return SandboxSettings.from(config, environment, sandboxFlag);
    }

    /** The project's state directory, {@code .marble/}, where the journal lives. */
    public Path stateDirectory() {
        return config.projectRoot().resolve(ProjectLocator.STATE_DIRECTORY);
    }

    /**
     * Starts recording every model call and run in the project's journal. The journal is opened by its writer, off
     * the caller's thread, when the first event comes ({@link JournalSink#opening}), and everything is written
     * before {@link #close()} returns; if it cannot be opened, a warning says so and the calls go unrecorded.
     */
    public synchronized void openJournal() {
        openJournal(stateDirectory().resolve(Journal.FILE_NAME));
    }

    /** As {@link #openJournal()}, with the journal in {@code file} instead of the project's. */
    public synchronized void openJournal(Path file) {
        if (journalSink == null) {
            journalSink = JournalSink.opening(
                    () -> Journal.openFile(file),
                    redactor,
                    failure -> warnings.accept("warning: " + redactor.redact(failure.getMessage())));
            events.subscribe(journalSink);
        }
    }

    /**
     * Exports traces and metrics of every run and chain on {@link #events()} when the environment configures
     * OpenTelemetry ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_TRACES_EXPORTER}, ...; see
     * {@link TelemetryFactory#configured}) and marble-otel is on the class path; otherwise does nothing and loads
     * nothing. What is buffered is sent by {@link #close()}.
     */
    public synchronized void exportTelemetry() {
        if (exporter != null || !TelemetryFactory.configured(environment.variables())) return;
        Optional<TelemetryFactory> factory = TelemetryFactory.find();
        if (factory.isEmpty()) {
            warn("warning: OpenTelemetry is configured (OTEL_*), but marble-otel is not on the class path");
            return;
        }
        try {
            exporter = factory.get().open(this);
            events.subscribe(exporter);
        } catch (RuntimeException failure) {
            warn("warning: OpenTelemetry could not be set up, nothing is exported: " + failure.getMessage());
        }
    }

    /**
     * A model ready for calls: the primary, then each fallback, every one priced, retried as
     * configured, and observed on the event bus under {@code runId}.
     */
    public ChatModel model(ModelRef primary, List<ModelRef> fallbacks, String runId) {
        return model(primary, fallbacks, runId, retryPolicy);
    }

    public ChatModel model(ModelRef primary, List<ModelRef> fallbacks, String runId, RetryPolicy policy) {
        List<ChatModel> candidates = new ArrayList<>();
        candidates.add(priced(primary));
        for (ModelRef fallback : fallbacks) candidates.add(priced(fallback));
        ChatModel resilient = new ResilientChatModel(candidates, policy);
        return new ObservedChatModel(resilient, fallbacks, events, runId, Clock.systemUTC());
    }

    /**
     * An agent run, ready to {@link AgentRun#run start}: the spec's model with its fallbacks (priced,
     * retried, observed), its tools behind {@code gate}, every step published on {@link #events()}.
     *
     * @param workspace the folder file and shell tools work in
     * @param kind      what started it, as the journal records it ("loop", "chain", "run")
     */
    public AgentRun agentRun(
            AgentSpec spec, ToolRegistry tools, ApprovalGate gate, RunControl control, Path workspace, String kind) {
        return agentRun(AgentRunRequest.of(spec, tools, gate, workspace)
                .control(control)
                .kind(kind));
    }

    /**
     * As {@link #agentRun(AgentSpec, ToolRegistry, ApprovalGate, RunControl, Path, String)}, for a run
     * started by another run's tool call (a delegate, a fork): {@code lineage} links it to its parent
     * in the journal and tells its own tools how deep it is.
     */
    public AgentRun agentRun(
            AgentSpec spec,
            ToolRegistry tools,
            ApprovalGate gate,
            RunControl control,
            Path workspace,
            String kind,
            RunLineage lineage) {
        return agentRun(AgentRunRequest.of(spec, tools, gate, workspace)
                .control(control)
                .kind(kind)
                .lineage(lineage));
    }

    /**
     * An agent run as {@code request} describes it: the spec's model with its fallbacks (priced, retried, observed),
     * its tools behind the request's gate, every step published on {@link #events()}.
     */
    @Override
    public AgentRun agentRun(AgentRunRequest request) {
        RunServices services = services();
        String runId = services.nextId();
        AgentSpec spec = request.spec();
        ServerToolSupport.check(spec.options().serverTools(), spec.model(), spec.fallbacks(), catalog());
        ChatModel stack = model(spec.model(), spec.fallbacks(), runId);
        ToolInvoker invoker = new ToolInvoker(
                request.tools(),
                request.gate(),
                new ToolInvoker.Workplace(request.workspace(), toolEnvironment(), this::sandbox),
                services);
        return new AgentRun(
                new RunIdentity(runId, request.kind(), request.lineage()),
                new RunParts(spec, stack, request.tools(), invoker, request.control()),
                request.stopWhen(),
                services);
    }

    /**
     * Registers {@code model} as the provider {@code name}, so that {@code resolver().resolve("name")} (or
     * {@code "name:anything"}), {@link #model} and {@link #agentRun} use that instance, priced (unpriced unless the
     * pricing table knows the model it reports), retried and observed like every other model. A name already known
     * is replaced for this Marble.
     *
     * @return the reference to use: {@code name:default}
     */
    public ModelRef registerModel(String name, ChatModel model) {
        ProviderSpec spec = catalog.register(name, model);
        return new ModelRef(spec.name(), spec.defaultModel());
    }

    /** The bare provider model, without retries, pricing or events. */
    public ChatModel providerModel(ModelRef ref) {
        ProviderSpec spec = spec(ref);
        return factory(spec).create(spec, ref, providerContext);
    }

    private ChatModel priced(ModelRef ref) {
        ProviderSpec spec = spec(ref);
        ChatModel priced = new PricedChatModel(factory(spec).create(spec, ref, providerContext), pricing, spec.local());
        return new DebugDumpChatModel(priced, stateDirectory().resolve(DEBUG_DUMPS), redactor, Clock.systemUTC());
    }

    public Availability availability(ProviderSpec spec) {
        return catalog.factory(spec)
                .map(factory -> factory.availability(spec, providerContext))
                .orElse(Availability.no("no provider of type '" + spec.type() + "' is installed"));
    }

    public boolean isReplay(ModelRef ref) {
        return catalog.find(ref.provider())
                .map(spec -> "scripted".equals(spec.type()))
                .orElse(false);
    }

    private ProviderSpec spec(ModelRef ref) {
        return catalog.find(ref.provider())
                .orElseThrow(() -> new UsageException("unknown provider '" + ref.provider() + "' in " + ref));
    }

    private ProviderFactory factory(ProviderSpec spec) {
        return catalog.factory(spec)
                .orElseThrow(() -> new UsageException("provider '" + spec.name() + "' has type '" + spec.type()
                        + "', and no provider of that type is installed"));
    }

    @Override
    public synchronized void close() {
        if (exporter != null) exporter.close();
        exporter = null;
        if (journalSink != null) journalSink.close();
        journalSink = null;
    }
}
