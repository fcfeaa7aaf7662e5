package dev.marble.api;

import dev.marble.agent.delegate.DelegationDiagnostics;
import dev.marble.format.program.LinkedProgram;
import dev.marble.format.program.Program;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code LLMPROC_DEBUG} lines of a loaded program: for it and each program it links (once each, however often
 * linked), its model, its tools and where each of its links leads. What a run then spawns is told by
 * {@link DelegationDiagnostics}.
 */
final class ProgramDiagnostics {

    private ProgramDiagnostics() {}

    static List<String> describe(Program root) {
        List<String> lines = new ArrayList<>();
        describe(root, new HashSet<>(), lines);
        return lines;
    }

    private static void describe(Program program, Set<Path> seen, List<String> lines) {
        if (!seen.add(program.file())) return;
        StringBuilder line = new StringBuilder("LLMPROC_DEBUG: program ")
                .append(program.name())
                .append(" (")
                .append(program.file().getFileName())
                .append("): model ")
                .append(program.agent().model())
                .append(", tools ")
                .append(program.enabledTools().isEmpty() ? "none" : String.join(", ", program.enabledTools()));
        if (program.linkedPrograms().isEmpty()) {
            line.append(", no linked programs");
        } else {
            line.append(", links ");
            List<String> links = new ArrayList<>();
            for (LinkedProgram link : program.linkedPrograms().values()) {
                Path target =
                        program.file().getParent().relativize(link.program().file());
                links.add(link.name() + " → " + target);
            }
            line.append(String.join(", ", links));
        }
        lines.add(line.toString());
        for (LinkedProgram link : program.linkedPrograms().values()) describe(link.program(), seen, lines);
    }
}
