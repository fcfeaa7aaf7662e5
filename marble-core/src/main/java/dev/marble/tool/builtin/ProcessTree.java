package dev.marble.tool.builtin;

import java.util.List;

/** Stopping a command together with everything it started. */
final class ProcessTree {

    private ProcessTree() {}

    /**
     * Kills the process and its descendants; returns how many descendants there were. The
     * descendants are listed first: once the parent dies they are re-parented to init and no
     * longer appear as its descendants. Processes that already left the tree (daemons that
     * double-forked) are out of reach, as they would be for a shell's job control.
     */
    static int kill(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        // The parent first, so that a shell loop cannot start a replacement for a killed child.
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        return descendants.size();
    }
}
