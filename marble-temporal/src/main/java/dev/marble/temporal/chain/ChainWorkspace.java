package dev.marble.temporal.chain;

import dev.marble.error.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a chain's links reach its workspace when they may run on several machines. {@code pinned} (the only mode so
 * far): the links go to the worker that holds the workspace, through its own queue, and the state files there are
 * the truth. The seam for a {@code git} mode (fetch the chain's branch before a link, commit and push after, any
 * worker taking the next link) is here: the worker calls {@link #beforeLink} and {@link #afterLink} around every
 * link, and {@link #pinned} tells the workflow where to send links.
 */
public interface ChainWorkspace {

    String PINNED = "pinned";

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
        throw new UsageException(
                "temporal.workspace.mode '" + mode + "' is not known: expected 'pinned' (git mode is not built yet)");
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
