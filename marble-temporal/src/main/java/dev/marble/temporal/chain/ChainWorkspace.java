package dev.marble.temporal.chain;

import dev.marble.error.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a chain's links reach its workspace when they may run on several machines. {@code pinned}: the links go to the
 * worker that holds the workspace, through its own queue, and the state files there are the truth. {@code git}: the
 * workspace is a git repository and the chain's branch is the truth; every step goes to the shared queue, and
 * whichever worker takes it checks the branch out in its own clone first and pushes what the step changed after
 * ({@link GitWorkspace}, around every step since every step writes state files, not only links). {@link #pinned}
 * tells the workflow where to send steps.
 */
public interface ChainWorkspace {

    String PINNED = "pinned";
    String GIT = "git";

    /** The mode's name, as marble.json's {@code temporal.workspace.mode} says it. */
    String mode();

    /** Whether links go to the one worker that holds the workspace (its own queue) rather than to any worker. */
    boolean pinned();

    /** On the worker, before a link runs: the workspace made current. */
    void beforeLink(Path project);

    /** On the worker, after a link ran: its changes made visible to the worker that runs the next one. */
    void afterLink(Path project, String link, int round);

    static ChainWorkspace of(String mode) {
        if (mode == null || mode.equals(PINNED)) return new Pinned();
        if (mode.equals(GIT)) return new Git();
        throw new UsageException("temporal.workspace.mode '" + mode + "' is not known: expected 'pinned' or 'git'");
    }

    /** The chain's branch moves between the workers' clones; the moves wrap every step (ChainActivitiesImpl). */
    final class Git implements ChainWorkspace {
        @Override
        public String mode() {
            return GIT;
        }

        @Override
        public boolean pinned() {
            return false;
        }

        @Override
        public void beforeLink(Path project) {
            // checked out before the step began
        }

        @Override
        public void afterLink(Path project, String link, int round) {
            // pushed when the step ends
        }
    }

    /** The worker holds the workspace; nothing moves. */
    final class Pinned implements ChainWorkspace {
        @Override
        public String mode() {
            return PINNED;
        }

        @Override
        public boolean pinned() {
            return true;
        }

        @Override
        public void beforeLink(Path project) {
            if (!Files.isDirectory(project)) {
                throw new UsageException("the chain's project " + project + " is not on this worker's machine"
                        + " (pinned mode: its links run where the project is)");
            }
        }

        @Override
        public void afterLink(Path project, String link, int round) {
            // the next link runs here too: nothing to publish
        }
    }
}
