package dev.marble.temporal.chain;

import dev.marble.error.UsageException;
import dev.marble.secret.SecretRedactor;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * git mode's moves, with the {@code git} binary: a chain's branch ({@code marble/chain/NAME} on {@code origin}) checked
 * out in a worktree of this worker's clone before a step, and the step's changes committed and pushed after it. The
 * workflow carries the branch's head it expects; a branch that moved otherwise (someone pushed to it) is refused,
 * never merged: the push is made with that head as its lease. Nothing the step's agent wrote decides what the
 * worker's git runs: every call names its git folders itself, over a configuration held to what the worker first
 * saw ({@link Repository}).
 */
final class GitWorkspace {

    static final String REMOTE = "origin";
    /** The line every commit of a chain's step carries: a repeated step recognises its own earlier push by it. */
    static final String TRAILER = "Marble-Workflow: ";
    /** The failure type of a git call ended at its limit: retryable, whichever move it was. */
    static final String TIMED_OUT = "GitTimedOut";

    private final Path clone;
    private final String worker;
    /** How long one git call may take before it is ended ({@link GitProcess#LIMIT}). */
    private final Duration limit;
    /** The clone's git folders and the guard of their configuration, once the worker takes its first chain. */
    private Repository repository;
    /** Per chain (workflow id): what the worker put right in its worktree this step, for the step's commit. */
    private final Map<String, String> repaired = new ConcurrentHashMap<>();

    /**
     * The clone's own git folder and common folder, and the guard of their configuration.
     *
     * <p>Why the worker never lets git find its folders by itself: a chain's worktree is the link's workspace, and
     * its top holds the {@code .git} file that tells git where the worktree's folder is. Whatever git reads there
     * (the pointer, the folder it points at, that folder's {@code config}) an agent can have written, and several
     * settings run commands. So every git call names both folders itself ({@code --git-dir}, {@code --work-tree}),
     * taken from the clone's side ({@link WorktreePointer#gitDirOf}); the configuration those folders lead to is
     * held to what the worker saw first ({@link GitConfigGuard}), a change refused; and the pointer is put back when
     * a step changed it (for the person's own git there), which the step's commit says. {@code core.fsmonitor=false}
     * and {@code core.hooksPath=/dev/null} are passed too, as a second line: neither is needed for the worker's own
     * moves, so turning them off costs nothing, whereas a filter, a credential helper or {@code core.sshCommand} the
     * user configured stays in force.
     */
    private record Repository(Path gitDir, Path common, GitConfigGuard guard) {}

    /** {@code clone}: the worker's own clone (the project it was started in). */
    GitWorkspace(Path clone, String worker) {
        this(clone, worker, GitProcess.LIMIT);
    }

    /**
     * With another limit per git call, for tests that see a hung git ended. A parameter rather than a system
     * property: the limit then belongs to this workspace alone, and nothing else in the worker's JVM (another test,
     * a library reading properties) can change how long the worker's git may hang.
     */
    GitWorkspace(Path clone, String worker, Duration limit) {
        this.clone = clone;
        this.worker = worker;
        this.limit = limit;
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
        inClone("fetch", "-q", REMOTE, "+refs/heads/" + branch + ":refs/remotes/" + REMOTE + "/" + branch);
        String head = inClone("rev-parse", "refs/remotes/" + REMOTE + "/" + branch);
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
        Repository repository = repository();
        if (WorktreePointer.gitDirOf(repository.common(), dir).isEmpty()) {
            inClone("worktree", "prune");
            inClone("worktree", "add", "-q", "--force", "--detach", dir.toString(), head);
            repository.guard().retake(); // the worker's own git wrote there, under the guard's eyes
        }
        // What a step cut short here left behind goes: the branch is the truth (ignored files, the lock, stay).
        inWorktree(chain, "reset", "-q", "--hard", head);
        inWorktree(chain, "clean", "-q", "-f", "-d");
    }

    /**
     * Commits what the step changed and pushes it onto the branch with {@code base} as its lease. Returns the new
     * head ({@code base} when the step changed nothing and the worker put nothing right).
     */
    String publish(ChainRef chain, String base, String what) {
        inWorktree(chain, "add", "-A");
        String note = repaired.remove(chain.workflowId());
        if (note == null && quietInWorktree(chain, "diff", "--cached", "--quiet", "--no-ext-diff", "--no-textconv")) {
            return base;
        }
        inWorktree(
                chain,
                "-c",
                "user.name=marble worker " + worker,
                "-c",
                "user.email=marble@" + worker.replaceAll("[^A-Za-z0-9.-]", "-"),
                "commit",
                "-q",
                "--no-verify",
                "--allow-empty",
                "-m",
                "chain " + chain.chain() + ": " + what + " (worker " + worker + ")\n\n"
                        + (note == null ? "" : note + "\n\n") + TRAILER + chain.workflowId());
        String branch = branch(chain.chain());
        try {
            inWorktree(
                    chain,
                    "push",
                    "-q",
                    "--force-with-lease=refs/heads/" + branch + ":" + base,
                    REMOTE,
                    "HEAD:refs/heads/" + branch);
        } catch (ApplicationFailure failure) {
            // A push that hung says so, and is tried again: it was ended, not refused.
            if (failure.isNonRetryable() || failure.getType().equals(TIMED_OUT)) throw failure;
            throw refused("the push of " + what + " to " + branch + " was refused (the branch is no longer at "
                    + shortSha(base) + "): " + failure.getOriginalMessage());
        }
        return inWorktree(chain, "rev-parse", "HEAD");
    }

    /**
     * At {@code chain start}, in the starting project: the branch's head on the remote, the branch made from this
     * clone's HEAD when it does not exist yet. The chain file must be committed: workers read it from the branch.
     */
    static String startBranch(Path project, String chain) {
        String branch = branch(chain);
        try {
            String listed = run(project, GitProcess.LIMIT, "git", "ls-remote", REMOTE, "refs/heads/" + branch);
            if (!listed.isBlank()) return listed.split("\\s+")[0];
            run(project, GitProcess.LIMIT, "git", "push", "-q", REMOTE, "HEAD:refs/heads/" + branch);
            return run(project, GitProcess.LIMIT, "git", "rev-parse", "HEAD");
        } catch (ApplicationFailure failure) {
            throw new UsageException("temporal.workspace.mode 'git': the branch " + branch + " cannot be read or made"
                    + " on remote '" + REMOTE + "' from " + project + ": " + failure.getOriginalMessage());
        }
    }

    /** The repository's top folder, for paths relative to it. */
    static Path top(Path project) {
        try {
            return Path.of(run(project, GitProcess.LIMIT, "git", "rev-parse", "--show-toplevel"));
        } catch (ApplicationFailure failure) {
            throw new UsageException("temporal.workspace.mode 'git': " + project + " is not in a git repository");
        }
    }

    private boolean ownDescendant(ChainRef chain, String base, String head) {
        Repository repository = repository();
        repository.guard().verify();
        if (!quiet(clone, limit, gitLine(repository.gitDir(), null, "merge-base", "--is-ancestor", base, head)))
            return false;
        String all = inClone("rev-list", "--count", base + ".." + head);
        String own = inClone(
                "rev-list", "--count", "--fixed-strings", "--grep=" + TRAILER + chain.workflowId(), base + ".." + head);
        return all.equals(own);
    }

    /** The lock and Marble's own folder (journal, worker status, the worktrees) are never committed. */
    private void exclude() {
        Path file = repository().common().resolve("info").resolve("exclude");
        try {
            String now = Files.exists(file) ? Files.readString(file) : "";
            if (!now.contains("# marble git mode")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, now + "\n# marble git mode\n.marble/\nstate/*/lock\n*.tmp\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The clone's folders and configuration, read from the clone the first time the worker takes a chain. */
    private synchronized Repository repository() {
        if (repository != null) return repository;
        Path gitDir = Path.of(run(clone, limit, "git", "rev-parse", "--absolute-git-dir"));
        Path common = Path.of(run(clone, limit, "git", "rev-parse", "--git-common-dir"));
        if (!common.isAbsolute()) common = clone.resolve(common).normalize();
        repository = new Repository(gitDir, common, new GitConfigGuard(gitDir, common, included(gitDir)));
        return repository;
    }

    /** The files the clone's own configuration includes (its own config files are held anyway). */
    private List<Path> included(Path gitDir) {
        String listed = run(
                gitDir, limit, "git", "--git-dir=" + gitDir, "config", "--list", "--show-origin", "--show-scope", "-z");
        List<Path> files = new ArrayList<>();
        String[] fields = listed.split("\0");
        for (int i = 0; i + 1 < fields.length; i += 3) {
            String scope = fields[i];
            String origin = fields[i + 1];
            if ((scope.equals("local") || scope.equals("worktree")) && origin.startsWith("file:")) {
                Path file = Path.of(origin.substring("file:".length()));
                files.add(file.isAbsolute() ? file : gitDir.resolve(file).normalize());
            }
        }
        return files;
    }

    /** git in the clone, its folder named: never found through the clone's {@code .git}, which may have moved. */
    private String inClone(String... args) {
        Repository repository = repository();
        repository.guard().verify();
        return run(clone, limit, gitLine(repository.gitDir(), null, args));
    }

    /**
     * git in the chain's worktree, its folders named (the worktree's own found from the clone's side), after the
     * configuration was checked and the worktree's {@code .git} pointer put back if it had been changed.
     */
    private String inWorktree(ChainRef chain, String... args) {
        return run(dir(chain), limit, worktreeLine(chain, args));
    }

    private boolean quietInWorktree(ChainRef chain, String... args) {
        return quiet(dir(chain), limit, worktreeLine(chain, args));
    }

    private String[] worktreeLine(ChainRef chain, String... args) {
        Repository repository = repository();
        Path dir = dir(chain);
        repository.guard().verify();
        Path gitDir = WorktreePointer.gitDirOf(repository.common(), dir)
                .orElseThrow(() -> refused("the chain's worktree " + dir + " is no longer one of the clone's"
                        + " (its folder under " + repository.common().resolve("worktrees") + " went away);"
                        + " refusing to run git there"));
        repository.guard().verifyWorktree(gitDir);
        if (WorktreePointer.restore(dir, gitDir)) {
            repaired.put(
                    chain.workflowId(),
                    "Marble-Repaired: the worktree's .git no longer pointed at " + gitDir
                            + " (changed by the step?); the worker put it back and did not follow it");
        }
        return gitLine(gitDir, dir, args);
    }

    private static String[] gitLine(Path gitDir, Path workTree, String... args) {
        List<String> line = new ArrayList<>(List.of("git", "--git-dir=" + gitDir));
        if (workTree != null) line.add("--work-tree=" + workTree);
        line.addAll(List.of(args));
        return line.toArray(String[]::new);
    }

    static ApplicationFailure refused(String message) {
        return ApplicationFailure.newNonRetryableFailure(message, "GitWorkspaceRefused");
    }

    private static String shortSha(String sha) {
        return sha == null ? "(none)" : sha.substring(0, Math.min(10, sha.length()));
    }

    /** Runs git in {@code dir}; whether it exited with 0. Only an exit code answers: a git that hung fails the step. */
    private static boolean quiet(Path dir, Duration limit, String... command) {
        return exited(dir, limit, command).code() == 0;
    }

    /** Runs git in {@code dir}; its output, trimmed. A failure is retryable (a network hiccup), naming the command. */
    private static String run(Path dir, Duration limit, String... command) {
        GitProcess.Exited result = exited(dir, limit, command);
        if (result.code() != 0) {
            throw ApplicationFailure.newFailure(
                    describe(command) + " failed in " + dir
                            + ": "
                            + SHAPES.redact(result.output()
                                    .strip()
                                    .lines()
                                    .reduce((a, b) -> b)
                                    .orElse("exit " + result.code())),
                    "GitFailed");
        }
        return result.output().strip();
    }

    /**
     * git's exit, or the step's retryable failure when git hung (it was ended) or never ran. {@code instanceof}, not
     * a pattern switch: {@code chain start} runs this, and a switch costs a start-up a generated class
     * (docs/performance.md, "Start-up").
     */
    private static GitProcess.Exited exited(Path dir, Duration limit, String... command) {
        GitProcess.Outcome outcome = GitProcess.run(dir, limit, List.of(command));
        if (outcome instanceof GitProcess.Exited exited) return exited;
        if (outcome instanceof GitProcess.TimedOut timedOut) {
            throw ApplicationFailure.newFailure(
                    describe(command) + " did not finish within " + duration(timedOut.limit()) + " in " + dir
                            + "; it was ended with every process it started",
                    TIMED_OUT);
        }
        throw ApplicationFailure.newFailure(
                describe(command) + " failed in " + dir + ": " + ((GitProcess.NotRun) outcome).reason(), "GitFailed");
    }

    /** "5 min", "2 s", "250 ms". */
    private static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0) return millis / 60_000 + " min";
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** "git fetch -q": the command and its first words, without the folders and settings named before them. */
    private static String describe(String... command) {
        List<String> words = new ArrayList<>(List.of(command));
        int i = 1;
        while (i < words.size() && words.get(i).startsWith("-"))
            i += words.get(i).equals("-c") ? 2 : 1;
        List<String> shown = new ArrayList<>(List.of(words.getFirst()));
        shown.addAll(words.subList(Math.min(i, words.size()), Math.min(i + 2, words.size())));
        return String.join(" ", shown);
    }

    /** Token shapes only (a remote URL's password, a GitHub token): git's error line may quote the remote. */
    private static final SecretRedactor SHAPES = new SecretRedactor();
}
