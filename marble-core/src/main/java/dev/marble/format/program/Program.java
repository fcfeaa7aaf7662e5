package dev.marble.format.program;

import dev.marble.agent.AgentSpec;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An LLMProc program, loaded: the agent it defines plus what a run needs to assemble its tools and
 * to reset its conversation. Linked programs are loaded too, so a program is the root of a graph
 * without cycles; a program linked from two places is one instance.
 *
 * @param name           {@code [model] display_name} when given, else the file name without {@code .toml}, {@code .yaml} or {@code .yml}
 * @param displayName    as LLMProc shows it in chat: display_name, else "Provider model"
 * @param file           the program file, absolute
 * @param agent          the agent; its instructions are the system prompt with the preload block
 * @param systemPrompt   the system prompt without preloaded files, which a reset may go back to
 * @param preload        the files of {@code [preload]} that existed when the program was loaded
 * @param mcp            the {@code [mcp]} section, or null when the program uses no MCP servers
 * @param tools          {@code [tools] builtin} or {@code enabled}: built-in tools and toolsets, {@code spawn},
 *                       {@code fork}, {@code goto}, {@code calculator}, ..., each maybe under an alias
 * @param linkedPrograms by the names the file gives them, in file order
 * @param debugTools     {@code [parameters] debug_tools}: print tool calls as they happen
 * @param userPrompt     {@code [prompt] user}: run as soon as the program starts when no prompt is given; null
 * @param demo           {@code [demo]}: prompts a demo runs one after another
 * @param cloud          {@code [model] project_id} and {@code region}, for the vertex providers
 */
public record Program(
        String name,
        String displayName,
        Path file,
        AgentSpec agent,
        String systemPrompt,
        Preload preload,
        McpSettings mcp,
        List<ToolConfig> tools,
        Map<String, LinkedProgram> linkedPrograms,
        boolean debugTools,
        String userPrompt,
        Demo demo,
        CloudSettings cloud) {

    public Program {
        tools = List.copyOf(tools);
        linkedPrograms = Collections.unmodifiableMap(new LinkedHashMap<>(linkedPrograms));
    }

    /** The tools' own names, in file order. */
    public List<String> enabledTools() {
        return tools.stream().map(ToolConfig::name).toList();
    }

    /** A fresh conversation: the system prompt with its preloaded files, no messages yet. */
    public ProgramConversation startConversation() {
        return ProgramConversation.start(this);
    }
}
