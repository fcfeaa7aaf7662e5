package dev.marble.provider.claudecode;

import java.util.List;

/**
 * Ends a process and everything it started. The descendants are listed before the parent dies:
 * once it is gone they are re-parented and can no longer be found from it.
 */
final class ProcessTree {

    private ProcessTree() {}

    static void kill(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
