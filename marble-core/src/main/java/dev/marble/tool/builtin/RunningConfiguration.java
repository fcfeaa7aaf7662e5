package dev.marble.tool.builtin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files that configure what runs in this process just now, beyond what {@link MarbleFiles}
 * knows by name: a running chain's file, the prompt files its links read (wherever they lie) and
 * its links' tool files ({@code .java}, {@code .jar}, MCP configurations). While the run goes on,
 * file tools may not change them; the run registers them as it starts and withdraws them as it ends.
 * Process-wide, because that is where the tools of every run in the process check their paths.
 */
public final class RunningConfiguration {

    /** Real location to what it is to each run that registered it (two runs may share a file); lists never change. */
    private static final Map<Path, List<String>> FILES = new ConcurrentHashMap<>();

    /** Withdraws what {@link #protect} registered. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private RunningConfiguration() {}

    /**
     * Registers {@code files} (absolute, existing or not) as {@code what} until the registration is closed.
     *
     * @param what how a refusal names them, e.g. "a configuration file of the running chain 'nightly'"
     */
    public static Registration protect(Collection<Path> files, String what) {
        List<Path> reals =
                files.stream().map(RunningConfiguration::real).distinct().toList();
        for (Path real : reals) FILES.merge(real, List.of(what), RunningConfiguration::plus);
        return () -> {
            for (Path real : reals) FILES.computeIfPresent(real, (key, whats) -> minus(whats, what));
        };
    }

    /** What {@code real} is to a run going on now, when one registered it. */
    static Optional<String> role(Path real) {
        List<String> whats = FILES.get(real);
        return whats == null ? Optional.empty() : Optional.of(whats.getFirst());
    }

    private static List<String> plus(List<String> whats, List<String> more) {
        List<String> all = new ArrayList<>(whats);
        all.addAll(more);
        return List.copyOf(all);
    }

    /** Without one registration of {@code what}; null (the entry goes) when none is left. */
    private static List<String> minus(List<String> whats, String what) {
        List<String> rest = new ArrayList<>(whats);
        rest.remove(what);
        return rest.isEmpty() ? null : List.copyOf(rest);
    }

    /** Through every link when it exists, so that the tools' real paths meet it; as given (normalized) when not. */
    private static Path real(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            return absolute;
        }
    }
}
