package dev.marble.format.program;

import dev.marble.agent.AgentSpec;
import dev.marble.config.ConfigWarning;
import dev.marble.error.SourceLocation;
import java.nio.file.Path;
import java.util.List;

/** One program file as read, before its linked programs are: what {@link ProgramLoader} assembles. */
record ProgramFile(
        String name,
        String displayName,
        Path file,
        AgentSpec agent,
        String systemPrompt,
        Preload preload,
        McpSettings mcp,
        List<ToolConfig> tools,
        boolean debugTools,
        List<Link> links,
        Later later,
        List<ConfigWarning> warnings) {

    /** What v0.9 programs added: a user prompt run at once, demo prompts, and where a Vertex model runs. */
    record Later(String userPrompt, Demo demo, CloudSettings cloud) {}

    /** A {@code [linked_programs]} entry: where it points and where it stands, for cycle errors. */
    record Link(String name, Path path, String description, SourceLocation location) {}
}
