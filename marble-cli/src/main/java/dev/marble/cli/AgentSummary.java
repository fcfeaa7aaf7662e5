package dev.marble.cli;

import dev.marble.agent.AgentSpec;
import dev.marble.api.AgentFiles;
import java.util.List;

/**
 * The line {@code marble chat} prints before the chat, as llmproc-demo summarised its program: which agent of which
 * file, its model, the tools it has and, for a program, the programs it may spawn.
 */
final class AgentSummary {

    private AgentSummary() {}

    static String line(AgentFiles.Agent agent, AgentSpec spec, List<String> toolNames) {
        String kind = agent instanceof AgentFiles.ProgramAgent ? "program" : "worker";
        StringBuilder line = new StringBuilder(kind)
                .append(' ')
                .append(agent.name())
                .append(" (")
                .append(agent.file().getFileName())
                .append("): model ")
                .append(spec.model())
                .append("; tools ")
                .append(toolNames.isEmpty() ? "none" : String.join(", ", toolNames));
        if (agent instanceof AgentFiles.ProgramAgent program) {
            var linked = program.program().linkedPrograms().keySet();
            line.append("; linked programs ").append(linked.isEmpty() ? "none" : String.join(", ", linked));
        }
        return line.toString();
    }
}
