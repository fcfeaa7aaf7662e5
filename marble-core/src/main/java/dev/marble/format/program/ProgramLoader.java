package dev.marble.format.program;

import dev.marble.config.ConfigWarning;
import dev.marble.error.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads an LLMProc program file and, recursively, the programs it links. A cycle is an error that
 * names it ({@code a.toml → b.toml → a.toml}) at the link that closes it, where LLMProc recursed
 * until Python gave up. A program linked from several places is read once and shared. A linked
 * file that is missing or malformed is an error too: LLMProc warned and ran without it.
 */
public final class ProgramLoader {

    private final Map<Path, Program> loaded = new HashMap<>();
    private final List<Path> inProgress = new ArrayList<>();
    private final List<ConfigWarning> warnings = new ArrayList<>();

    private ProgramLoader() {}

    public static LoadedProgram load(Path file) {
        ProgramLoader loader = new ProgramLoader();
        Program program = loader.program(file.toAbsolutePath().normalize());
        return new LoadedProgram(program, loader.warnings);
    }

    private Program program(Path file) {
        Program done = loaded.get(file);
        if (done != null) return done;
        inProgress.add(file);
        ProgramFile read = ProgramReader.read(file);
        warnings.addAll(read.warnings());
        Map<String, LinkedProgram> linked = new LinkedHashMap<>();
        for (ProgramFile.Link link : read.links()) {
            int cycleStart = inProgress.indexOf(link.path());
            if (cycleStart >= 0) {
                throw new ProgramCycleException(link.location(), cycle(cycleStart, link.path()));
            }
            Program child;
            try {
                child = program(link.path());
            } catch (ProgramCycleException e) {
                throw e;
            } catch (ConfigException e) {
                // The child's own error, said from where the parent links it, so both files are named.
                throw new ConfigException(
                        link.location(), "cannot load linked program \"" + link.name() + "\": " + e.getMessage(), e);
            }
            linked.put(link.name(), new LinkedProgram(link.name(), link.description(), child));
        }
        inProgress.removeLast();
        Program program = new Program(
                read.name(),
                read.displayName(),
                read.file(),
                read.agent(),
                read.systemPrompt(),
                read.preload(),
                read.mcp(),
                read.tools(),
                linked,
                read.debugTools(),
                read.later().userPrompt(),
                read.later().demo(),
                read.later().cloud());
        loaded.put(file, program);
        return program;
    }

    private String cycle(int start, Path closing) {
        List<String> names = new ArrayList<>();
        for (Path path : inProgress.subList(start, inProgress.size()))
            names.add(path.getFileName().toString());
        names.add(closing.getFileName().toString());
        return String.join(" → ", names);
    }
}
