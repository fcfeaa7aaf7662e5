package dev.marble.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A stand-in for the Claude Code CLI: a bash script named {@code claude} that prints what
 * {@code claude -p ... --output-format stream-json --verbose} prints, steered by environment variables:
 * <ul>
 *   <li>{@code STANDIN_CLAUDE_LOG} file: one JSON line per run with argv, cwd, whether CLAUDECODE was set, and
 *       stdin (read only when {@code -p} has no value)</li>
 *   <li>{@code STANDIN_CLAUDE_REPLY} (default "stand-in reply"), {@code STANDIN_CLAUDE_COST} (default 0.0123)</li>
 *   <li>{@code STANDIN_CLAUDE_ERROR}: an API-error result ({@code is_error}, status 500), exit 1</li>
 *   <li>{@code STANDIN_CLAUDE_EXIT}: "stand-in failure" on stderr, nothing on stdout, that exit code</li>
 *   <li>{@code STANDIN_CLAUDE_AGENT}: a bash command run first, in the CLI's working directory, with
 *       {@code STANDIN_CLAUDE_PROMPT} and {@code STANDIN_CLAUDE_SESSION} set: it plays the agent's file work (a
 *       chain link writing its handoff); its output, if any, is the reply, and a non-zero exit fails the run</li>
 *   <li>{@code STANDIN_CLAUDE_SLEEP} seconds: first waits on a child {@code sleep}, whose pid goes to
 *       {@code STANDIN_CLAUDE_PIDFILE}, so a test can check that killing the process tree kills it too</li>
 * </ul>
 * For fast tests; the real CLI is tested separately. Needs bash (POSIX systems only).
 */
public final class StandInClaude {
    private static final String SCRIPT = "standin-claude.sh";

    private final Path executable;

    private StandInClaude(Path executable) {
        this.executable = executable;
    }

    /** Writes the executable {@code claude} into {@code directory} (created if missing), replacing any there. */
    public static StandInClaude install(Path directory) {
        try {
            directory = directory.toAbsolutePath(); // a relative PATH entry would depend on the child's cwd
            Files.createDirectories(directory);
            Path target = directory.resolve("claude");
            // Written aside, then renamed: a process that runs an older copy never sees a half-written file,
            // and no open write handle makes exec fail with "text file busy".
            Path temporary = Files.createTempFile(directory, ".claude-", ".tmp");
            try (InputStream script = StandInClaude.class.getResourceAsStream(SCRIPT)) {
                if (script == null) {
                    throw new IllegalStateException("resource " + SCRIPT + " is missing from the test kit");
                }
                Files.copy(script, temporary, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary); // only left when something above failed
            }
            return new StandInClaude(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the stand-in claude in " + directory, e);
        }
    }

    public Path executable() {
        return executable;
    }

    /** The directory holding {@code claude}: put it first on PATH to make it the {@code claude} found. */
    public Path directory() {
        return executable.getParent();
    }
}
