package dev.marble.format.program;

import static dev.marble.config.Shape.Field.optional;
import static dev.marble.config.Shape.Field.required;

import dev.marble.config.Shape;

/**
 * The sections of an LLMProc program file (SEEDS-SPEC 3.1). {@code [linked_programs]} and
 * {@code [mcp.tools]} take a string or a table per entry, which a {@link Shape} cannot say, so
 * {@link ProgramReader} checks those two by hand.
 */
final class ProgramSchema {

    static final Shape.Fields MODEL = Shape.Fields.of(
            required("name", new Shape.Text(), "the model, as its provider names it"),
            required("provider", new Shape.Text(), "openai, anthropic, vertex or any Marble provider"),
            optional("display_name", new Shape.Text(), null, "the name shown in chat"));

    static final Shape.Fields PROMPT = Shape.Fields.of(
            optional("system_prompt", new Shape.Text(), "", "the system prompt"),
            optional("system_prompt_file", new Shape.Text(), null, "a file holding it, relative to the program"));

    /** LLMProc's API parameters, plus top_k, which it documented and then dropped. */
    static final Shape.Fields PARAMETERS = Shape.Fields.of(
            optional("temperature", new Shape.Decimal(0), null, "sampling temperature"),
            optional("max_tokens", new Shape.WholeNumber(1), null, "longest answer in tokens"),
            optional("top_p", new Shape.Decimal(0), null, "nucleus sampling"),
            optional("top_k", new Shape.WholeNumber(1), null, "top-k sampling (Anthropic)"),
            optional("frequency_penalty", new Shape.Decimal(-2), null, "OpenAI frequency penalty"),
            optional("presence_penalty", new Shape.Decimal(-2), null, "OpenAI presence penalty"),
            optional("debug_tools", new Shape.Flag(), false, "print tool calls as they happen"));

    static final Shape.Fields PRELOAD = Shape.Fields.of(
            optional("files", new Shape.ListOf(new Shape.Text()), null, "files put into the system prompt"));

    static final Shape.Fields MCP = Shape.Fields.of(
            optional(
                    "config_path",
                    new Shape.Text(),
                    null,
                    "MCP servers file (mcpServers JSON), relative to the program"),
            optional(
                    "tools",
                    new Shape.MapOf(new Shape.Text(), "server"),
                    null,
                    "\"all\" or a list of tool names per server"));

    static final Shape.Fields TOOLS = Shape.Fields.of(
            optional("enabled", new Shape.ListOf(new Shape.Text()), null, "built-in tools, spawn, fork"));

    static final Shape.Fields ROOT = Shape.Fields.of(
            required("model", MODEL, "which model runs the program"),
            optional("prompt", PROMPT, null, "the system prompt"),
            optional("parameters", PARAMETERS, null, "API parameters"),
            optional("preload", PRELOAD, null, "files preloaded into the system prompt"),
            optional("mcp", MCP, null, "MCP tools"),
            optional("tools", TOOLS, null, "built-in tools"),
            optional(
                    "linked_programs",
                    new Shape.MapOf(new Shape.Text(), "program name"),
                    null,
                    "programs this one can delegate to"));

    private ProgramSchema() {}
}
