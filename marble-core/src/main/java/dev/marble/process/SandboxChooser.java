package dev.marble.process;

import dev.marble.config.Environment;
import dev.marble.config.Setting;
import dev.marble.error.ConfigException;
import dev.marble.error.UsageException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns {@link SandboxSettings} into the {@link Sandbox} commands run in. {@code auto} takes bubblewrap where it
 * works and otherwise runs commands unconfined, saying so (once: a Marble chooses its sandbox once); {@code bwrap}
 * never falls back: where
 * bubblewrap cannot run, it is an error (a usage error for {@code --sandbox}, a configuration error at the line
 * of the file that asked for it).
 */
public final class SandboxChooser {

    private SandboxChooser() {}

    /**
     * @param stateDirectory the project's {@code .marble/} (its journal is hidden from commands); null when none
     * @param notices        where the one-time notice goes that commands are not sandboxed (standard error)
     */
    public static Sandbox choose(
            SandboxSettings settings, Environment environment, Path stateDirectory, Consumer<String> notices) {
        SandboxMode mode = settings.mode().value();
        if (mode == SandboxMode.OFF)
            return new Sandbox.None("sandbox is off (" + settings.mode().source() + ")");
        Optional<String> problem = problem(environment);
        if (problem.isEmpty()) {
            Path bwrap = environment.findExecutable("bwrap").orElseThrow();
            return new Sandbox.Bwrap(
                    bwrap, settings.network().value(), SecretPaths.of(environment, stateDirectory, settings.hide()));
        }
        if (mode == SandboxMode.BWRAP) throw unavailable(settings.mode(), problem.get());
        String reason = problem.get();
        notices.accept("note: shell commands are not sandboxed: " + reason + ". They run with your own access;"
                + " install bubblewrap (Debian: apt-get install bubblewrap) to confine them, or set"
                + " \"sandbox\": \"off\" in marble.json to say this is intended.");
        return new Sandbox.None(reason);
    }

    /** Why bubblewrap cannot run here, or empty when it can. */
    public static Optional<String> problem(Environment environment) {
        Optional<Path> bwrap = environment.findExecutable("bwrap");
        if (bwrap.isEmpty()) return Optional.of("bwrap is not on PATH");
        BwrapProbe.Result probe = BwrapProbe.probe(bwrap.get());
        return probe.works() ? Optional.empty() : Optional.of(bwrap.get() + " does not work here: " + probe.problem());
    }

    private static RuntimeException unavailable(Setting<SandboxMode> mode, String problem) {
        String message = problem + "; install bubblewrap (Debian: apt-get install bubblewrap), or choose auto or off";
        if (mode.location() != null)
            return new ConfigException(mode.location(), "bubblewrap cannot run here: " + message);
        return new UsageException(
                (SandboxSettings.FLAG.equals(mode.source()) ? "--sandbox bwrap: " : "sandbox bwrap: ") + message);
    }
}
