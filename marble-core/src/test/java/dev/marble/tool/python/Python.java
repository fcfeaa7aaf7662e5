package dev.marble.tool.python;

import dev.marble.config.Environment;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The machine's python3, for tests that run real Python tool files. CI installs it; here it is required. */
final class Python {

    private Python() {}

    static Path interpreter() {
        return Environment.system()
                .findExecutable("python3")
                .orElseThrow(() -> new AssertionError("these tests run real Python: install python3"));
    }

    /** A setup running in {@code folder} with only PATH (holding python3) and {@code extra} set. */
    static PythonSetup setup(Path folder, Map<String, String> extra) {
        Map<String, String> variables = new HashMap<>(extra);
        variables.put("PATH", interpreter().getParent() + ":/usr/bin:/bin");
        return new PythonSetup(new Environment(variables, folder, folder), folder);
    }

    static PythonSetup setup(Path folder) {
        return setup(folder, Map.of());
    }

    static Optional<String> none() {
        return Optional.empty();
    }
}
