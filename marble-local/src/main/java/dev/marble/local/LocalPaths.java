package dev.marble.local;

import dev.marble.config.Environment;
import dev.marble.config.MarbleConfig;
import java.nio.file.Path;

/** Where the local provider keeps files: its cache folder, and in it the models that {@code marble models pull}
 * fetched. */
public final class LocalPaths {

    private LocalPaths() {}

    /** {@code $XDG_CACHE_HOME/marble}, else {@code ~/.cache/marble}. */
    public static Path cacheHome(Environment environment) {
        return environment
                .get("XDG_CACHE_HOME")
                .filter(v -> !v.isBlank())
                .map(Path::of)
                .orElse(environment.home().resolve(".cache"))
                .resolve("marble");
    }

    /** {@code local.models_dir} from configuration, else {@code <cache>/models}. */
    public static Path modelsDir(MarbleConfig config, Environment environment) {
        return config.text("local.models_dir")
                .map(setting -> resolve(
                        setting.value(),
                        setting.location() == null || setting.location().file() == null
                                ? environment.workingDirectory()
                                : setting.location().file().getParent(),
                        environment))
                .orElse(cacheHome(environment).resolve("models"));
    }

    /** A path as a person writes it: {@code ~/x} is in the home folder, a relative one is read from {@code base}. */
    static Path resolve(String text, Path base, Environment environment) {
        String trimmed = text.strip();
        if (trimmed.equals("~")) return environment.home();
        if (trimmed.startsWith("~/"))
            return environment.home().resolve(trimmed.substring(2)).normalize();
        return base.resolve(trimmed).toAbsolutePath().normalize();
    }
}
