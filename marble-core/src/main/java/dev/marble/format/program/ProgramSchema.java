package dev.marble.format.program;

import static dev.marble.config.Shape.Field.optional;
import static dev.marble.config.Shape.Field.required;

import dev.marble.config.Shape;
import java.util.List;
import java.util.Set;

/**
 * The sections of an LLMProc program file, seed era (SEEDS-SPEC 3.1) and v0.9 (3.2), in TOML or YAML.
 * {@code [linked_programs]} and the MCP tool selections take a string or a table per entry, which a {@link Shape}
 * cannot say precisely enough for good messages, so {@link ProgramReader} checks those by hand.
 */
final class ProgramSchema {

    static final Shape.Fields MODEL = Shape.Fields.of(
            required("name", new Shape.Text(), "the model, as its provider names it"),
            required("provider", new Shape.Text(), "openai, anthropic, vertex or any Marble provider"),
            optional("display_name", new Shape.Text(), null, "the name shown in chat"),
            optional("max_iterations", new Shape.WholeNumber(1), 10, "model calls per run"),
            optional("project_id", new Shape.Text(), null, "Google Cloud project (vertex)"),
            optional("region", new Shape.Text(), null, "Google Cloud region (vertex)"),
            optional(
                    "disable_automatic_caching",
                    new Shape.Flag(),
                    false,
                    "LLMProc's prompt-caching switch; Marble's providers decide caching"));

    static final Shape.Fields PROMPT = Shape.Fields.of(
            optional("system_prompt", new Shape.Text(), "", "the system prompt"),
            optional("system", new Shape.Text(), "", "the system prompt (v0.9 name)"),
            optional("system_prompt_file", new Shape.Text(), null, "a file holding it, relative to the program"),
            optional("user", new Shape.Text(), null, "a user prompt run as soon as the program starts"),
            optional("user_prompt", new Shape.Text(), null, "the same (v0.9's other name)"));

    /** LLMProc's API parameters, plus top_k, which it documented and then dropped. */
    static final Shape.Fields PARAMETERS = Shape.Fields.of(
            optional("temperature", new Shape.Decimal(0), null, "sampling temperature"),
            optional("max_tokens", new Shape.WholeNumber(1), null, "longest answer in tokens"),
            optional("top_p", new Shape.Decimal(0), null, "nucleus sampling"),
            optional("top_k", new Shape.WholeNumber(1), null, "top-k sampling (Anthropic)"),
            optional("frequency_penalty", new Shape.Decimal(-2), null, "OpenAI frequency penalty"),
            optional("presence_penalty", new Shape.Decimal(-2), null, "OpenAI presence penalty"),
            optional("debug_tools", new Shape.Flag(), false, "print tool calls as they happen"),
            optional("project_id", new Shape.Text(), null, "Google Cloud project (vertex), as [model] project_id"),
            optional("region", new Shape.Text(), null, "Google Cloud region (vertex), as [model] region"));

    static final Shape.Fields PRELOAD = Shape.Fields.of(
            optional("files", new Shape.ListOf(new Shape.Text()), null, "files put into the system prompt"),
            optional(
                    "relative_to",
                    new Shape.Choice(Set.of("program", "cwd")),
                    "program",
                    "whether the files are relative to the program file or the working directory"));

    static final Shape.Fields MCP = Shape.Fields.of(
            optional(
                    "config_path",
                    new Shape.Text(),
                    null,
                    "MCP servers file (mcpServers JSON), relative to the program"),
            optional(
                    "servers",
                    new Shape.MapOf(new Shape.Text(), "server name"),
                    null,
                    "servers written here, each as in an mcpServers file"),
            optional(
                    "tools",
                    new Shape.MapOf(new Shape.Text(), "server"),
                    null,
                    "\"all\" or a list of tool names per server"));

    /** One entry of {@code [tools] builtin}: a name, or a table that renames or re-describes the tool. */
    static final Shape.Fields TOOL_CONFIG = Shape.Fields.of(
            required("name", new Shape.Text(), "the tool's own name"),
            optional("alias", new Shape.Text(), null, "the name the model calls it by"),
            optional("description", new Shape.Text(), null, "the description the model reads"),
            optional(
                    "access",
                    new Shape.Choice(Set.of("read", "write", "admin")),
                    null,
                    "LLMProc's access level (kept; approval rules decide in Marble)"),
            optional(
                    "param_descriptions",
                    new Shape.MapOf(new Shape.Text(), "parameter name"),
                    null,
                    "descriptions of the tool's parameters"));

    static final Shape TOOL_LIST = new Shape.ListOf(new Shape.OneOf(List.of(new Shape.Text(), TOOL_CONFIG)));

    static final Shape.Fields TOOLS = Shape.Fields.of(
            optional("enabled", TOOL_LIST, null, "built-in tools, spawn, fork (seed-era name)"),
            optional("builtin", TOOL_LIST, null, "built-in tools, spawn, fork, goto, calculator, ..."),
            optional(
                    "mcp",
                    new Shape.MapOf(new Shape.Text(), "server"),
                    null,
                    "per MCP server: \"all\", a list of tools, or a table of tools"));

    static final Shape.Fields DEMO = Shape.Fields.of(
            optional("prompts", new Shape.ListOf(new Shape.Text()), null, "prompts a demo runs in order"),
            optional("pause_between_prompts", new Shape.Flag(), true, "wait for Enter before each next prompt"),
            optional("display_name", new Shape.Text(), null, "the demo's title"));

    static final Shape.Fields ROOT = Shape.Fields.of(
            required("model", MODEL, "which model runs the program"),
            optional("prompt", PROMPT, null, "the system prompt and a first user prompt"),
            optional("parameters", PARAMETERS, null, "API parameters"),
            optional("preload", PRELOAD, null, "files preloaded into the system prompt"),
            optional("mcp", MCP, null, "MCP servers"),
            optional("tools", TOOLS, null, "built-in and MCP tools"),
            optional("demo", DEMO, null, "prompts a demo runs one after another"),
            optional(
                    "linked_programs",
                    new Shape.MapOf(new Shape.Text(), "program name"),
                    null,
                    "programs this one can delegate to"));

    private ProgramSchema() {}
}
