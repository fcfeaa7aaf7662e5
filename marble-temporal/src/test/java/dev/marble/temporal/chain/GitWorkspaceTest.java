package dev.marble.temporal.chain;

import static dev.marble.temporal.TestGit.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * git mode's moves with the real {@code git} on a bare repository on local disk: what two workers' clones see, and
 * that a branch moved from outside the chain is refused rather than merged.
 */
class GitWorkspaceTest {

    @TempDir
    Path temp;

    private Path origin;
    private Path client;
    private String start;

    @BeforeEach
    void repository() throws Exception {
        ChainOrigin made = ChainOrigin.create(temp);
        origin = made.origin();
        client = made.client();
        start = made.start();
    }

    @Test
    void aStepPushedByOneWorkerIsWhereTheNextWorkerStarts() throws Exception {
        assertThat(git(origin, "rev-parse", "marble/chain/c")).isEqualTo(start);
        GitWorkspace one = worker("w1");
        ChainRef chain = chain(start);
        String head = one.fetch(chain);
        one.checkout(chain, head);
        Files.createDirectories(one.dir(chain).resolve("state/c"));
        Files.writeString(one.dir(chain).resolve("state/c/handoff.md"), "w1 was here\n");
        Files.writeString(one.dir(chain).resolve("state/c/lock"), "");
        String pushed = one.publish(chain, head, "link 1 of round 1");

        GitWorkspace two = worker("w2");
        ChainRef next = chain(pushed);
        two.checkout(next, two.fetch(next));

        assertThat(two.dir(next).resolve("state/c/handoff.md")).hasContent("w1 was here");
        assertThat(two.dir(next).resolve("state/c/lock"))
                .as("the lock is not committed")
                .doesNotExist();
        assertThat(git(origin, "log", "-1", "--format=%B", "marble/chain/c"))
                .startsWith("chain c: link 1 of round 1 (worker w1)")
                .contains(GitWorkspace.TRAILER + chain.workflowId());
        assertThat(two.publish(next, pushed, "nothing"))
                .as("no change, no commit")
                .isEqualTo(pushed);
    }

    @Test
    void aHookTheAgentSetsInItsWorktreeDoesNotRunAtTheWorkersCommit() throws Exception {
        GitWorkspace one = worker("w1");
        ChainRef chain = chain(start);
        String head = one.fetch(chain);
        one.checkout(chain, head);
        Path dir = one.dir(chain);
        // What an agent told to by a file it read could do with its shell tool: a hook path of its own.
        Path hooks = Files.createDirectories(dir.resolve("hooks"));
        Path ran = temp.resolve("hook-ran");
        Path hook = hooks.resolve("post-commit");
        Files.writeString(hook, "#!/bin/sh\nenv > " + ran + "\n");
        hook.toFile().setExecutable(true);
        git(dir, "config", "core.hooksPath", hooks.toString());
        Files.writeString(dir.resolve("work.txt"), "done\n");

        assertThatThrownBy(() -> one.publish(chain, head, "link 1 of round 1"))
                .as("core.hooksPath is written in the clone's .git/config: the worker refuses to run git over it")
                .hasMessageContaining("refusing to run git over it");
        assertThat(ran)
                .as("the hook never ran, with the worker's rights and variables")
                .doesNotExist();
    }

    @Test
    void aBranchMovedFromOutsideTheChainIsRefusedNotMerged() throws Exception {
        Files.writeString(client.resolve("outside.txt"), "pushed by a person");
        git(client, "add", "-A");
        git(client, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "outside");
        git(client, "push", "-q", "origin", "HEAD:refs/heads/marble/chain/c");

        assertThatThrownBy(() -> worker("w1").fetch(chain(start)))
                .isInstanceOf(ApplicationFailure.class)
                .hasMessageContaining("the branch marble/chain/c on origin moved")
                .hasMessageContaining("refusing to merge")
                .satisfies(failure -> assertThat(((ApplicationFailure) failure).isNonRetryable())
                        .isTrue());
    }

    @Test
    void aPushOverAStepAnotherWorkerPushedMeanwhileIsRefused() throws Exception {
        GitWorkspace one = worker("w1");
        GitWorkspace two = worker("w2");
        ChainRef chain = chain(start);
        one.checkout(chain, one.fetch(chain));
        two.checkout(chain, two.fetch(chain));
        Files.writeString(one.dir(chain).resolve("a.txt"), "one");
        String pushed = one.publish(chain, start, "link 1 of round 1");
        Files.writeString(two.dir(chain).resolve("a.txt"), "two");

        assertThatThrownBy(() -> two.publish(chain, start, "link 1 of round 1"))
                .isInstanceOf(ApplicationFailure.class)
                .hasMessageContaining("was refused");
        assertThat(git(origin, "rev-parse", "marble/chain/c")).isEqualTo(pushed);
    }

    @Test
    void aStepPushedByALostWorkerIsTakenAsTheChainsOwn() throws Exception {
        GitWorkspace one = worker("w1");
        ChainRef chain = chain(start);
        one.checkout(chain, one.fetch(chain));
        Files.writeString(one.dir(chain).resolve("a.txt"), "one");
        String pushed = one.publish(chain, start, "link 1 of round 1");

        // the workflow never heard of that push: it still expects the start
        assertThat(worker("w2").fetch(chain)).isEqualTo(pushed);
    }

    // --- configuration that runs commands: what a link's agent may plant for the worker's next git call -----------

    /** A git folder of the agent's making whose every command-running setting would leave {@link #ran} behind. */
    private Path plantedGitFolder(Path where) throws Exception {
        git(temp, "init", "-q", "--bare", where.toString());
        for (String[] setting : planted()) git(where, "config", setting[0], setting[1]);
        git(where, "config", "core.bare", "false");
        return where;
    }

    private Path ran() {
        return temp.resolve("ran");
    }

    private String[][] planted() {
        String touch = "touch " + ran() + "; ";
        return new String[][] {
            {"core.fsmonitor", touch + "false"},
            {"filter.evil.clean", touch + "cat"},
            {"filter.evil.smudge", touch + "cat"},
            {"diff.evil.textconv", touch + "cat"},
            {"core.sshCommand", touch + "ssh"},
            {"diff.external", touch + "true"},
        };
    }

    /** A step taken by worker w1: fetched and checked out, ready for the agent. */
    private ChainRef stepTaken(GitWorkspace one) {
        ChainRef chain = chain(start);
        one.checkout(chain, one.fetch(chain));
        return chain;
    }

    @ParameterizedTest
    @ValueSource(strings = {"file naming the agent's folder", "folder of the agent's", "link to the agent's", "gone"})
    void aWorktreePointerTheAgentChangedIsNotFollowedAndIsPutBack(String how) throws Exception {
        GitWorkspace one = worker("w1");
        ChainRef chain = stepTaken(one);
        Path dir = one.dir(chain);
        String pointer = Files.readString(dir.resolve(".git"));
        Path own = plantedGitFolder(temp.resolve("planted.git"));
        Files.writeString(dir.resolve(".gitattributes"), "* filter=evil diff=evil\n");
        Files.writeString(dir.resolve("work.txt"), "done\n");
        Path dotGit = dir.resolve(".git");
        Files.delete(dotGit);
        switch (how) {
            case "file naming the agent's folder" -> Files.writeString(dotGit, "gitdir: " + own + "\n");
            case "folder of the agent's" -> copy(own, dotGit);
            case "link to the agent's" -> Files.createSymbolicLink(dotGit, own);
            default -> {}
        }

        String pushed = one.publish(chain, start, "link 1 of round 1");

        assertThat(ran()).as("no planted setting ran with the worker's rights").doesNotExist();
        assertThat(dotGit).as("the pointer is a file again").isRegularFile().hasContent(pointer.strip());
        assertThat(git(origin, "show", pushed + ":work.txt")).isEqualTo("done");
        assertThat(git(origin, "log", "-1", "--format=%B", pushed))
                .contains("Marble-Repaired: the worktree's .git no longer pointed at");
        // the person's own git in the worktree finds the worker's folder again
        assertThat(git(dir, "rev-parse", "HEAD")).isEqualTo(pushed);
        assertThat(ran()).doesNotExist();
    }

    /** Each setting alone, in a git folder the agent's rewritten pointer leads to: none runs at the worker's moves. */
    @ParameterizedTest
    @ValueSource(strings = {"core.fsmonitor", "filter.evil.clean", "core.sshCommand"})
    void noSettingOfAGitFolderTheAgentMadeRunsAtTheWorkersMoves(String setting) throws Exception {
        GitWorkspace one = worker("w1");
        ChainRef chain = stepTaken(one);
        Path dir = one.dir(chain);
        Path own = temp.resolve("planted.git");
        git(temp, "init", "-q", "--bare", own.toString());
        git(own, "config", "core.bare", "false");
        String command = "touch " + ran() + "; " + (setting.equals("core.sshCommand") ? "false" : "cat");
        git(own, "config", setting, command);
        // the agent's own git folder names the remote too: a push over ssh would run core.sshCommand
        git(own, "config", "remote.origin.url", "ssh://git.example.invalid/repo.git");
        Files.writeString(dir.resolve(".gitattributes"), "* filter=evil\n");
        Files.writeString(dir.resolve("work.txt"), "done\n");
        Files.writeString(dir.resolve(".git"), "gitdir: " + own + "\n");

        String pushed = one.publish(chain, start, "link 1 of round 1");

        assertThat(ran()).as(setting + " never ran with the worker's rights").doesNotExist();
        assertThat(git(origin, "show", pushed + ":work.txt")).isEqualTo("done");
    }

    @Test
    void aPointerChangedBetweenStepsIsPutBackBeforeTheCheckout() throws Exception {
        GitWorkspace one = worker("w1");
        ChainRef chain = stepTaken(one);
        Path dir = one.dir(chain);
        Path own = plantedGitFolder(dir.resolve("planted"));
        Files.writeString(dir.resolve(".git"), "gitdir: planted\n");

        one.checkout(chain, start);

        assertThat(ran()).doesNotExist();
        assertThat(git(dir, "rev-parse", "--absolute-git-dir")).endsWith("/worktrees/c");
        assertThat(own).as("the agent's untracked folder is cleaned away").doesNotExist();
    }

    /** Where, in the worker's clone, an agent that reaches it writes a configuration that runs its command. */
    @ParameterizedTest
    @ValueSource(strings = {"config", "include", "commondir", "worktree config", "worktree commondir", "submodule"})
    void aConfigurationWrittenIntoTheClonesGitFolderStopsTheStep(String where) throws Exception {
        GitWorkspace one = worker("w1");
        ChainRef chain = stepTaken(one);
        Path dir = one.dir(chain);
        Path gitFolder = temp.resolve("w1/.git");
        Path mine = plantedGitFolder(temp.resolve("planted.git"));
        Files.writeString(dir.resolve(".gitattributes"), "* filter=evil diff=evil\n");
        Files.writeString(dir.resolve("work.txt"), "done\n");
        switch (where) {
            case "config" -> {
                for (String[] setting : planted()) git(temp.resolve("w1"), "config", setting[0], setting[1]);
            }
            case "include" ->
                git(
                        temp.resolve("w1"),
                        "config",
                        "include.path",
                        mine.resolve("config").toString());
            case "commondir" -> Files.writeString(gitFolder.resolve("commondir"), mine + "\n");
            case "worktree config" ->
                Files.writeString(
                        gitFolder.resolve("worktrees/c/config.worktree"), Files.readString(mine.resolve("config")));
            case "worktree commondir" -> {
                Files.writeString(gitFolder.resolve("worktrees/c/commondir"), mine + "\n");
                copy(gitFolder.resolve("objects"), mine.resolve("objects"));
                copy(gitFolder.resolve("refs"), mine.resolve("refs"));
            }
            default -> copy(mine, gitFolder.resolve("modules/sub"));
        }

        assertThatThrownBy(() -> one.publish(chain, start, "link 1 of round 1"))
                .isInstanceOf(ApplicationFailure.class)
                .hasMessageContaining("refusing to run git over it")
                .satisfies(failure -> {
                    assertThat(((ApplicationFailure) failure).isNonRetryable()).isTrue();
                    assertThat(((ApplicationFailure) failure).getType()).isEqualTo("GitWorkspaceRefused");
                });
        assertThatThrownBy(() -> one.checkout(chain, start))
                .as("nor does the next step on this worker run git over it")
                .hasMessageContaining("refusing to run git over it");
        assertThat(ran()).as("no planted setting ran with the worker's rights").doesNotExist();
        assertThat(git(origin, "rev-parse", "marble/chain/c")).isEqualTo(start);
    }

    @Test
    void aFileTheClonesConfigurationIncludesIsHeldToo() throws Exception {
        GitWorkspace one = worker("w1");
        Path included = Files.writeString(temp.resolve("shared.gitconfig"), "[user]\n\tname = person\n");
        git(temp.resolve("w1"), "config", "include.path", included.toString());
        ChainRef chain = stepTaken(one);
        Files.writeString(one.dir(chain).resolve("work.txt"), "done\n");
        Files.writeString(included, "[core]\n\tfsmonitor = touch " + ran() + "; false\n", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> one.publish(chain, start, "link 1 of round 1"))
                .hasMessageContaining("the clone's git configuration " + included + " changed");
        assertThat(ran()).doesNotExist();
    }

    @Test
    void aRepositoryTheAgentMadeInsideItsWorktreeRunsNothing() throws Exception {
        GitWorkspace one = worker("w1");
        ChainRef chain = stepTaken(one);
        Path dir = one.dir(chain);
        Path nested = dir.resolve("nested");
        git(temp, "init", "-q", nested.toString());
        Files.writeString(nested.resolve("x.txt"), "x\n");
        Files.writeString(nested.resolve(".gitattributes"), "* filter=evil diff=evil\n");
        git(nested, "add", "-A");
        git(nested, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "nested");
        for (String[] setting : planted()) git(nested, "config", setting[0], setting[1]);

        String pushed = one.publish(chain, start, "link 1 of round 1");
        one.checkout(chain(pushed), pushed);

        assertThat(ran()).doesNotExist();
    }

    @Test
    void theUsersOwnConfigurationAsTheWorkerFoundItStillApplies() throws Exception {
        GitWorkspace one = worker("w1");
        git(temp.resolve("w1"), "config", "filter.upper.clean", "tr a-z A-Z");
        ChainRef chain = stepTaken(one);
        Path dir = one.dir(chain);
        Files.writeString(dir.resolve(".gitattributes"), "*.up filter=upper\n");
        Files.writeString(dir.resolve("shout.up"), "quiet\n");

        String pushed = one.publish(chain, start, "link 1 of round 1");

        assertThat(git(origin, "show", pushed + ":shout.up")).isEqualTo("QUIET");
        assertThat(git(origin, "log", "-1", "--format=%B", pushed)).doesNotContain("Marble-Repaired");
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) Files.createDirectories(target);
                else Files.copy(path, target);
            }
        }
    }

    private GitWorkspace worker(String name) throws Exception {
        Path clone = temp.resolve(name);
        if (!Files.exists(clone)) git(temp, "clone", "-q", origin.toString(), clone.toString());
        return new GitWorkspace(clone, name);
    }

    private ChainRef chain(String base) {
        return new ChainRef(
                ChainRef.workflowId(client, "c"),
                client.toString(),
                client.resolve("chains/c.json").toString(),
                "c",
                new ChainRef.Git("chains/c.json", base));
    }
}
