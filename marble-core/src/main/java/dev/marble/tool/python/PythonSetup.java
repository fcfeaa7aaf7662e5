package dev.marble.tool.python;

import dev.marble.config.Environment;
import dev.marble.error.ConfigException;
import dev.marble.error.SourceLocation;
import dev.marble.process.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How Python tool files are run: which interpreter ({@code MARBLE_PYTHON}, else {@code python3} on the PATH), with
 * which environment (the tool environment: Marble's minus its secrets), in which folder.
 *
 * @param environment the tool environment the host process gets
 * @param directory   where the host runs (tools read and write relative to it, as with llm-loop and llm-do); in a
 *                    sandbox, the one folder the tools may write
 * @param sandbox     where the host runs: the run's sandbox, so a Python tool the model drives is confined as its
 *                    shell commands are
 */
public record PythonSetup(Environment environment, Path directory, Sandbox sandbox) {

    /** Names the interpreter to use instead of {@code python3} on the PATH. */
    public static final String INTERPRETER_VARIABLE = "MARBLE_PYTHON";

    private static final String HOST_RESOURCE = "marble_host.py";

    public PythonSetup {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(sandbox, "sandbox");
    }

    /** A setup without a sandbox: the host runs with the user's own access. */
    public PythonSetup(Environment environment, Path directory) {
        this(environment, directory, new Sandbox.None("no sandbox was given for Python tool files"));
    }

    /**
     * The command line that starts the host, for {@code file}.
     *
     * @throws ConfigException when no Python is found: the message says what to install or set
     */
    List<String> command(Path file) {
        String interpreter = environment
                .get(INTERPRETER_VARIABLE)
                .filter(value -> !value.isBlank())
                .map(value -> resolve(value, file))
                .orElseGet(() -> environment
                        .findExecutable("python3")
                        .map(Path::toString)
                        .orElseThrow(() -> new ConfigException(
                                SourceLocation.of(file),
                                "a Python tool file needs Python 3, and python3 is not on the PATH; install it (for"
                                        + " example apt install python3, brew install python) or set "
                                        + INTERPRETER_VARIABLE + " to the interpreter's path")));
        // A sandbox has a /tmp of its own, where the host's temporary copy is not: there it comes as the program text.
        if (sandbox.active()) return List.of(interpreter, "-u", "-c", HostScript.source());
        return List.of(interpreter, "-u", HostScript.path().toString());
    }

    private String resolve(String interpreter, Path file) {
        return environment
                .findExecutable(interpreter)
                .map(Path::toString)
                .orElseThrow(() -> new ConfigException(
                        SourceLocation.of(file),
                        INTERPRETER_VARIABLE + "=" + interpreter + " is not an executable Python; set it to a"
                                + " python3's path or unset it to use python3 from the PATH"));
    }

    /** The host's environment: the tool environment, unbuffered, writing no .pyc files beside the user's. */
    Environment hostEnvironment() {
        Map<String, String> variables = new HashMap<>(environment.variables());
        variables.put("PYTHONUNBUFFERED", "1");
        variables.put("PYTHONIOENCODING", "utf-8");
        variables.put("PYTHONDONTWRITEBYTECODE", "1");
        return new Environment(variables, directory, environment.home());
    }

    /** The host program, as text (for {@code python3 -c}) or written once per JVM to a private temporary file (Python cannot run it from a jar). */
    static final class HostScript {
        private static Path path;

        private static String source;

        private HostScript() {}

        static synchronized String source() {
            if (source != null) return source;
            try (InputStream in = PythonSetup.class.getResourceAsStream(HOST_RESOURCE)) {
                if (in == null) throw new IllegalStateException(HOST_RESOURCE + " is missing from Marble's jar");
                source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return source;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read Marble's Python host: " + e.getMessage(), e);
            }
        }

        static synchronized Path path() {
            if (path != null && Files.isRegularFile(path)) return path;
            try (InputStream in = PythonSetup.class.getResourceAsStream(HOST_RESOURCE)) {
                if (in == null) throw new IllegalStateException(HOST_RESOURCE + " is missing from Marble's jar");
                Path folder = Files.createTempDirectory("marble-python-");
                Path script = folder.resolve(HOST_RESOURCE);
                Files.copy(in, script);
                script.toFile().deleteOnExit();
                folder.toFile().deleteOnExit();
                path = script;
                return script;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write Marble's Python host: " + e.getMessage(), e);
            }
        }
    }
}
