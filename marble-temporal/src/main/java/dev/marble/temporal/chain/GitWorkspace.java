package dev.marble.temporal.chain;

import dev.marble.error.UsageException;
import dev.marble.secret.SecretRedactor;
import dev.marble.secret.SecretVariables;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * git mode's moves, with the {@code git} binary: a chain's branch ({@code marble/chain/NAME} on {@code origin}) checked
 * out in a worktree of this worker's clone before a step, and the step's changes committed and pushed after it. The
 * workflow carries the branch's head it expects; a branch that moved otherwise (someone pushed to it) is refused,
 * never merged: the push is made with that head as its lease.
 */
final class GitWorkspace {

    static final String REMOTE = "origin";
    /** The line every commit of a chain's step carries: a repeated step recognises its own earlier push by it. */
    static final String TRAILER = "Marble-Workflow: ";

    private final Path clone;
    private final String worker;

    /** {@code clone}: the worker's own clone (the project it was started in). */
    GitWorkspace(Path clone, String worker) {
        this.clone = clone;
        this.worker = worker;
    }

    static String branch(String chain) {
        return "marble/chain/" + chain;
    }

    /** Where the chain's branch is checked out on this worker: a worktree of its own, so chains do not share one. */
    Path dir(ChainRef chain) {
        return clone.resolve(".marble").resolve("git").resolve(chain.chain());
    }

    /**
     * Fetches the chain's branch into this worker's clone. Its head must be the workflow's expected one, or a
     * descendant made only by this workflow's own steps (a step whose worker pushed and was lost before it
     * reported: the state in it is past that step, which then does not run again); anything else is refused, never
     * merged. Returns the head.
     */
    synchronized String fetch(ChainRef chain) {
        String branch = branch(chain.chain());
        String base = chain.git().base();
        run(clone, "git", "fetch", "-q", REMOTE, "+refs/heads/" + branch + ":refs/remotes/" + REMOTE + "/" + branch);
        String head = run(clone, "git", "rev-parse", "refs/remotes/" + REMOTE + "/" + branch);
        if (!head.equals(base) && !ownDescendant(chain, base, head)) {
            throw refused("the branch " + branch + " on " + REMOTE + " moved: the chain expected " + shortSha(base)
                    + ", it is at " + shortSha(head) + " (a push from outside the chain?); refusing to merge");
        }
        return head;
    }

    /** Checks {@code head} out in the chain's worktree here (made on the chain's first step on this worker). */
    synchronized void checkout(ChainRef chain, String head) {
        Path dir = dir(chain);
        exclude();
        if (!Files.exists(dir.resolve(".git"))) {
            run(clone, "git", "worktree", "prune");
            run(clone, "git", "worktree", "add", "-q", "--force", "--detach", dir.toString(), head);
        }
        // What a step cut short here left behind goes: the branch is the truth (ignored files, the lock, stay).
        run(dir, "git", "reset", "-q", "--hard", head);
        run(dir, "git", "clean", "-q", "-f", "-d");
    }

    /**
     * Commits what the step changed and pushes it onto the branch with {@code base} as its lease. Returns the new
     * head ({@code base} when the step changed nothing).
     */
    String publish(ChainRef chain, String base, String what) {
        Path dir = dir(chain);
        run(dir, "git", "add", "-A");
        if (quiet(dir, "git", "diff", "--cached", "--quiet")) return base;
        run(
                dir,
                "git",
                "-c",
                "user.name=marble worker " + worker,
                "-c",
                "user.email=marble@" + worker.replaceAll("[^A-Za-z0-9.-]", "-"),
                "commit",
                "-q",
                "--no-verify",
                "-m",
                "chain " + chain.chain() + ": " + what + " (worker " + worker + ")\n\n" + TRAILER + chain.workflowId());
        String branch = branch(chain.chain());
        try {
            run(
                    dir,
                    "git",
                    "push",
                    "-q",
                    "--force-with-lease=refs/heads/" + branch + ":" + base,
                    REMOTE,
                    "HEAD:refs/heads/" + branch);
        } catch (ApplicationFailure failure) {
            throw refused("the push of " + what + " to " + branch + " was refused (the branch is no longer at "
                    + shortSha(base) + "): " + failure.getOriginalMessage());
        }
        return run(dir, "git", "rev-parse", "HEAD");
    }

    /**
     * At {@code chain start}, in the starting project: the branch's head on the remote, the branch made from this
     * clone's HEAD when it does not exist yet. The chain file must be committed: workers read it from the branch.
     */
    static String startBranch(Path project, String chain) {
        String branch = branch(chain);
        try {
            String listed = run(project, "git", "ls-remote", REMOTE, "refs/heads/" + branch);
            if (!listed.isBlank()) return listed.split("\\s+")[0];
            run(project, "git", "push", "-q", REMOTE, "HEAD:refs/heads/" + branch);
            return run(project, "git", "rev-parse", "HEAD");
        } catch (ApplicationFailure failure) {
            throw new UsageException("temporal.workspace.mode 'git': the branch " + branch + " cannot be read or made"
                    + " on remote '" + REMOTE + "' from " + project + ": " + failure.getOriginalMessage());
        }
    }

    /** The repository's top folder, for paths relative to it. */
    static Path top(Path project) {
        try {
            return Path.of(run(project, "git", "rev-parse", "--show-toplevel"));
        } catch (ApplicationFailure failure) {
            throw new UsageException("temporal.workspace.mode 'git': " + project + " is not in a git repository");
        }
    }

    private boolean ownDescendant(ChainRef chain, String base, String head) {
        if (!quiet(clone, "git", "merge-base", "--is-ancestor", base, head)) return false;
        String all = run(clone, "git", "rev-list", "--count", base + ".." + head);
        String own = run(
                clone,
                "git",
                "rev-list",
                "--count",
                "--fixed-strings",
                "--grep=" + TRAILER + chain.workflowId(),
                base + ".." + head);
        return all.equals(own);
    }

    /** The lock and Marble's own folder (journal, worker status, the worktrees) are never committed. */
    private void exclude() {
        Path file = Path.of(run(clone, "git", "rev-parse", "--git-common-dir"));
        if (!file.isAbsolute()) file = clone.resolve(file);
        file = file.resolve("info").resolve("exclude");
        try {
            String now = Files.exists(file) ? Files.readString(file) : "";
            if (!now.contains("# marble git mode")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, now + "\n# marble git mode\n.marble/\nstate/*/lock\n*.tmp\n");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ApplicationFailure refused(String message) {
        return ApplicationFailure.newNonRetryableFailure(message, "GitWorkspaceRefused");
    }

    private static String shortSha(String sha) {
        return sha == null ? "(none)" : sha.substring(0, Math.min(10, sha.length()));
    }

    private static boolean quiet(Path dir, String... command) {
        return exec(dir, command).code == 0;
    }

    /** Runs git in {@code dir}; its output, trimmed. A failure is retryable (a network hiccup), naming the command. */
    private static String run(Path dir, String... command) {
        Result result = exec(dir, command);
        if (result.code != 0) {
            throw ApplicationFailure.newFailure(
                    String.join(" ", List.of(command).subList(0, Math.min(3, command.length))) + " failed in " + dir
                            + ": "
                            + SHAPES.redact(result.output
                                    .strip()
                                    .lines()
                                    .reduce((a, b) -> b)
                                    .orElse("exit " + result.code)),
                    "GitFailed");
        }
        return result.output.strip();
    }

    /** Token shapes only (a remote URL's password, a GitHub token): git's error line may quote the remote. */
    private static final SecretRedactor SHAPES = new SecretRedactor();

    private record Result(int code, String output) {}

    private static Result exec(Path dir, String... command) {
        List<String> line = new ArrayList<>(List.of(command));
        // No hooks: a link's agent can set core.hooksPath in its worktree, and a hook would then run with the worker's
        // own rights, outside the sandbox, at the worker's next commit.
        if (line.getFirst().equals("git")) line.addAll(1, List.of("-c", "core.hooksPath=/dev/null"));
        ProcessBuilder builder =
                new ProcessBuilder(line).directory(dir.toFile()).redirectErrorStream(true);
        // Nor the worker's secrets: git needs none of the model keys (its own credentials come from its helpers).
        builder.environment().keySet().removeIf(SecretVariables::looksSecret);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0"); // a remote asking for a password fails, never waits
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, "cannot run git: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
