package dev.marble.temporal.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        origin = temp.resolve("origin.git");
        git(temp, "init", "-q", "--bare", "-b", "main", origin.toString());
        client = temp.resolve("client");
        git(temp, "clone", "-q", origin.toString(), client.toString());
        Files.createDirectories(client.resolve("chains"));
        Files.writeString(client.resolve("chains/c.json"), "{}");
        git(client, "add", "-A");
        git(client, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "start");
        start = GitWorkspace.startBranch(client, "c");
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

        one.publish(chain, head, "link 1 of round 1");

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

    private static String git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + ": " + output)
                .isZero();
        return output.strip();
    }
}
