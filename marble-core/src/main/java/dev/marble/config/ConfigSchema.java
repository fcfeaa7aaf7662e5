package dev.marble.config;

import static dev.marble.config.Shape.Field.optional;

import java.util.List;
import java.util.Set;

/**
 * Every key Marble reads from {@code config.json} and {@code marble.json}, with its shape and
 * default. llmauto's keys ({@code default_model}, {@code default_permission_mode},
 * {@code default_allowed_tools}, {@code default_timeout_seconds}, {@code telegram},
 * {@code known_user_homes}) keep their names and meaning so an llmauto config can be copied over.
 */
public final class ConfigSchema {

    public static final int DEFAULT_TIMEOUT_SECONDS = 1800;
    /** Variables tools get although they hold secrets (see {@code dev.marble.secret.ToolEnvironment}). */
    public static final String TOOLS_ENV_PASS = "tools.env.pass";
    /** llm-do's limit: "Max depth exceeded: 5". */
    public static final int DEFAULT_MAX_DELEGATION_DEPTH = 5;

    public static final List<String> DEFAULT_ALLOWED_TOOLS = List.of("Read", "Edit", "Write", "Bash", "Glob", "Grep");

    public static final Shape.Fields PRICE = Shape.Fields.of(
            optional("input", new Shape.Decimal(0), null, "USD per million uncached input tokens"),
            optional("output", new Shape.Decimal(0), null, "USD per million output tokens"),
            optional("cache_read", new Shape.Decimal(0), null, "USD per million cache-read input tokens"),
            optional("cache_write", new Shape.Decimal(0), null, "USD per million cache-write input tokens"));

    public static final Shape.Fields PROVIDER = Shape.Fields.of(
            Shape.Field.required(
                    "type",
                    new Shape.Choice(Set.of("openai", "anthropic", "anthropic_vertex", "gemini")),
                    "which wire protocol the server speaks"),
            Shape.Field.required("base_url", new Shape.Text(), "the server's base URL, e.g. http://127.0.0.1:8000/v1"),
            optional("api_key_env", new Shape.Text(), null, "name of the environment variable holding its API key"),
            optional("default_model", new Shape.Text(), null, "model used when only the provider is named"),
            optional("project", new Shape.Text(), null, "the Google Cloud project (type anthropic_vertex)"),
            optional(
                    "location", new Shape.Text(), null, "the Vertex AI region, e.g. us-east5 (type anthropic_vertex)"));

    /** One GGUF model under {@code local.models}: {@code local:NAME} runs it in-process (module marble-local). */
    public static final Shape.Fields LOCAL_MODEL = Shape.Fields.of(
            Shape.Field.required(
                    "path",
                    new Shape.Text(),
                    "the GGUF file; a relative path is read from the folder of the file that names it"),
            optional("context_size", new Shape.WholeNumber(1), null, "tokens of context (default: local.context_size)"),
            optional("threads", new Shape.WholeNumber(1), null, "decode threads (default: local.threads)"),
            optional(
                    "gpu_layers",
                    new Shape.WholeNumber(0),
                    null,
                    "layers offloaded to a GPU (default: local.gpu_layers)"));

    public static final Shape.Fields LOCAL = Shape.Fields.of(
            optional(
                    "context_size",
                    new Shape.WholeNumber(1),
                    null,
                    "tokens of context (default: the model's trained length, at most 4096)"),
            optional(
                    "threads",
                    new Shape.WholeNumber(1),
                    1,
                    "decode threads; one is fastest on small machines, for prompt processing too"),
            optional("gpu_layers", new Shape.WholeNumber(0), 0, "layers offloaded to a GPU where llama.cpp has one"),
            optional(
                    "models_dir",
                    new Shape.Text(),
                    null,
                    "where 'marble models pull' stores GGUF files (default: $XDG_CACHE_HOME/marble/models)"),
            optional("models", new Shape.MapOf(LOCAL_MODEL, "model name"), null, "GGUF models by name"));

    static final Shape.Choice SANDBOX_MODE = new Shape.Choice(Set.of("auto", "bwrap", "off"));

    /** {@code sandbox} written in full (see dev.marble.process.SandboxSettings). */
    public static final Shape.Fields SANDBOX = Shape.Fields.of(
            optional(
                    "mode",
                    SANDBOX_MODE,
                    "auto",
                    "auto: bubblewrap where it works here, else none (said once);"
                            + " bwrap: bubblewrap or an error; off: none"),
            optional(
                    "network",
                    new Shape.OneOf(List.of(
                            new Shape.Choice(Set.of("none", "loopback", "full")), new Shape.ListOf(new Shape.Text()))),
                    "none",
                    "what a sandboxed command may reach: none or loopback (its own loopback only), full (the machine's"
                            + " network); a list of hosts is not supported yet"),
            optional(
                    "hide",
                    new Shape.ListOf(new Shape.Text()),
                    List.of(),
                    "more files and folders a sandboxed command must not see (absolute, or starting with ~/)"));

    public static final Shape.Fields ROOT = Shape.Fields.of(
            optional("default_model", new Shape.Text(), null, "model used when no -m flag or MARBLE_MODEL names one"),
            optional(
                    "fallback_models",
                    new Shape.ListOf(new Shape.Text()),
                    List.of(),
                    "models tried in order when the chosen one fails"),
            optional("aliases", new Shape.MapOf(new Shape.Text(), "alias"), null, "short names for model references"),
            optional(
                    "providers",
                    new Shape.MapOf(PROVIDER, "provider name"),
                    null,
                    "OpenAI- or Anthropic-compatible servers by base URL"),
            optional("local", LOCAL, null, "GGUF models run in-process by llama.cpp (the local provider)"),
            optional(
                    "pricing",
                    new Shape.MapOf(PRICE, "model id"),
                    null,
                    "prices that override or extend the shipped table"),
            optional(
                    "default_timeout_seconds",
                    new Shape.WholeNumber(1),
                    DEFAULT_TIMEOUT_SECONDS,
                    "time limit for one model call (llmauto: per link)"),
            optional("default_permission_mode", new Shape.Text(), "dontAsk", "Claude Code CLI --permission-mode"),
            optional(
                    "default_allowed_tools",
                    new Shape.ListOf(new Shape.Text()),
                    DEFAULT_ALLOWED_TOOLS,
                    "Claude Code CLI --allowedTools"),
            optional(
                    "max_delegation_depth",
                    new Shape.WholeNumber(1),
                    DEFAULT_MAX_DELEGATION_DEPTH,
                    "how deep agents may hand work to agents (workers calling workers, spawn, fork)"),
            optional(
                    "retry",
                    Shape.Fields.of(
                            optional(
                                    "max_attempts", new Shape.WholeNumber(1), 3, "tries per model, the first included"),
                            optional("initial_delay_ms", new Shape.WholeNumber(0), 1000, "wait before the first retry"),
                            optional("max_delay_ms", new Shape.WholeNumber(0), 30000, "longest wait between retries")),
                    null,
                    "retries on 429, 5xx, 529 and connection errors"),
            optional(
                    "claude_code",
                    Shape.Fields.of(
                            optional("command", new Shape.Text(), "claude", "the Claude Code CLI executable"),
                            optional(
                                    "extra_args",
                                    new Shape.ListOf(new Shape.Text()),
                                    List.of(),
                                    "arguments added to every claude invocation")),
                    null,
                    "how the claude-code provider starts the CLI"),
            optional(
                    "sandbox",
                    new Shape.OneOf(List.of(SANDBOX_MODE, SANDBOX)),
                    "auto",
                    "where run_command runs: auto (bubblewrap where it works), bwrap (or fail), off; or an object"),
            optional(
                    "telegram",
                    Shape.Fields.of(
                            optional("enabled", new Shape.Flag(), false, "send notifications"),
                            optional(
                                    "bot_token_env",
                                    new Shape.Text(),
                                    "LLMAUTO_TELEGRAM_BOT_TOKEN",
                                    "name of the environment variable holding the bot token "
                                            + "(MARBLE_TELEGRAM_BOT_TOKEN also works)"),
                            optional("chat_id", new Shape.Identifier(), "", "chat that receives notifications"),
                            optional(
                                    "update_every_n_links",
                                    new Shape.WholeNumber(0),
                                    0,
                                    "also notify after every N links"),
                            optional(
                                    "api_base",
                                    new Shape.Text(),
                                    "https://api.telegram.org",
                                    "the Bot API's address (a local Bot API server, or a test one)")),
                    null,
                    "notifications (llmauto format)"),
            optional(
                    "approvals",
                    Shape.Fields.of(
                            optional(
                                    "allow",
                                    new Shape.ListOf(new Shape.Text()),
                                    List.of(),
                                    "tool calls that run without asking"),
                            optional(
                                    "ask",
                                    new Shape.ListOf(new Shape.Text()),
                                    List.of(),
                                    "tool calls that are asked about"),
                            optional(
                                    "deny",
                                    new Shape.ListOf(new Shape.Text()),
                                    List.of(),
                                    "tool calls that never run")),
                    null,
                    "rules like read_file, run_command(git status*), everything__*; deny always wins"),
            optional(
                    "tools",
                    Shape.Fields.of(optional(
                            "env",
                            Shape.Fields.of(optional(
                                    "pass",
                                    new Shape.ListOf(new Shape.Text()),
                                    List.of(),
                                    "variables tools get although they hold secrets, e.g. [\"GITHUB_TOKEN\"]; every "
                                            + "other"
                                            + " variable named like a key, token, secret or password, or named by "
                                            + "an *_env"
                                            + " key, is left out of tool environments")),
                            null,
                            "the environment of run_command, MCP servers and Java tools")),
                    null,
                    "what tools get from Marble"),
            optional(
                    "oauth",
                    Shape.Fields.of(optional(
                            "anthropic",
                            Shape.Fields.of(
                                    optional(
                                            "authorize_url",
                                            new Shape.Text(),
                                            "https://claude.ai/oauth/authorize",
                                            "the authorization page the login URL opens"),
                                    optional(
                                            "token_url",
                                            new Shape.Text(),
                                            "https://console.anthropic.com/v1/oauth/token",
                                            "where codes and refresh tokens are traded for access tokens"),
                                    optional(
                                            "client_id",
                                            new Shape.Text(),
                                            "9d1c250a-e61b-44d9-88ed-5944d1962f5e",
                                            "the OAuth client Marble logs in as (Claude Code's public client)"),
                                    optional(
                                            "scopes",
                                            new Shape.Text(),
                                            "org:create_api_key user:profile user:inference",
                                            "the scopes the login asks for")),
                            null,
                            "Claude Pro/Max login ('marble oauth login --provider anthropic')")),
                    null,
                    "where 'marble oauth login' goes; MARBLE_OAUTH_ANTHROPIC_<KEY> variables override"),
            optional(
                    "known_user_homes",
                    new Shape.ListOf(new Shape.Text()),
                    List.of(),
                    "home-directory prefixes rewritten to this machine's home in chain files (llmauto)"),
            optional(
                    "engine",
                    new Shape.Choice(Set.of("local", "temporal")),
                    "local",
                    "where chains and agent runs run: in this process, or as Temporal workflows (marble-temporal)"),
            optional(
                    "temporal",
                    Shape.Fields.of(
                            optional(
                                    "address",
                                    new Shape.Text(),
                                    "localhost:7233",
                                    "the server's host:port; TEMPORAL_ADDRESS and --temporal-address override"),
                            optional(
                                    "namespace",
                                    new Shape.Text(),
                                    "default",
                                    "TEMPORAL_NAMESPACE and --temporal-namespace override"),
                            optional(
                                    "task_queue",
                                    new Shape.Text(),
                                    "marble",
                                    "the queue shared workers poll; MARBLE_TEMPORAL_TASK_QUEUE and --task-queue override"),
                            optional(
                                    "api_key_env",
                                    new Shape.Text(),
                                    null,
                                    "the variable holding a Temporal Cloud API key (TEMPORAL_API_KEY is read too)"),
                            optional(
                                    "tls",
                                    Shape.Fields.of(
                                            optional(
                                                    "enabled",
                                                    new Shape.Flag(),
                                                    false,
                                                    "TLS without a client certificate"),
                                            optional("cert", new Shape.Text(), null, "client certificate (PEM)"),
                                            optional("key", new Shape.Text(), null, "its PKCS#8 private key (PEM)"),
                                            optional(
                                                    "ca",
                                                    new Shape.Text(),
                                                    null,
                                                    "the CA of the server's certificate")),
                                    null,
                                    "mTLS; paths relative to this file; TEMPORAL_TLS_* variables override"),
                            optional(
                                    "timeouts",
                                    Shape.Fields.of(
                                            optional(
                                                    "heartbeat",
                                                    new Shape.WholeNumber(1),
                                                    30,
                                                    "seconds without a heartbeat before a link or call moves to another"
                                                            + " worker"),
                                            optional(
                                                    "schedule_to_start",
                                                    new Shape.WholeNumber(1),
                                                    600,
                                                    "seconds work may wait for a worker"),
                                            optional(
                                                    "connect",
                                                    new Shape.WholeNumber(1),
                                                    10,
                                                    "seconds connecting to the server may take")),
                                    null,
                                    "seconds"),
                            optional(
                                    "workspace",
                                    Shape.Fields.of(
                                            optional(
                                                    "mode",
                                                    new Shape.Choice(Set.of("pinned", "git")),
                                                    "pinned",
                                                    "pinned: a chain's links run on the worker that holds its project; git: any worker, the"
                                                            + " chain's branch fetched before each step and pushed after"),
                                            optional(
                                                    "on_lost_worker",
                                                    new Shape.Choice(Set.of("wait", "move")),
                                                    "wait",
                                                    "when that worker is gone past schedule_to_start: wait for it, or"
                                                            + " move to a worker that sees the same project path")),
                                    null,
                                    "where a chain's links run (docs/temporal.md)")),
                    null,
                    "the Temporal server chains and runs use with engine temporal (docs/temporal.md)"),
            optional(
                    "telemetry",
                    Shape.Fields.of(optional(
                            "capture_content",
                            new Shape.Flag(),
                            false,
                            "put prompts, answers, tool arguments and results (redacted) into spans")),
                    null,
                    "OpenTelemetry traces, when OTEL_* variables configure them; "
                            + "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT overrides"));

    private ConfigSchema() {}
}
