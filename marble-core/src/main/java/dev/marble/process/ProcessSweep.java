package dev.marble.process;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ends one command's processes, found by every trace they leave: descent from the command, the command's
 * session, and the marker in their environment. It kills everything it finds, looks again, and repeats until a
 * look finds nothing alive: a process that forks while the list is made leaves children the next look finds,
 * and a killed parent cannot fork again.
 */
final class ProcessSweep {

    /** Long enough for any process the kernel can kill to die; a process stuck in the kernel is given up on. */
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    /**
     * What to look for.
     *
     * @param root    the command's first process (it may have exited); null when only the marks are known
     * @param session the session the command leads, or 0 when it has none of its own
     * @param marker  the {@code NAME=VALUE} its processes carry, or null
     */
    record Target(ProcessHandle root, long session, String marker) {}

    /** How many processes were ended, and how many of those carried the command's marker. */
    record Ended(int processes, int marked) {}

    private ProcessSweep() {}

    static Ended end(Target target) {
        Set<Long> ended = new HashSet<>();
        Set<Long> marked = new HashSet<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        boolean interrupted = false;
        for (int look = 0; ; look++) {
            List<Found> found = find(target);
            if (found.isEmpty() || System.nanoTime() > deadline) break;
            for (Found process : found) {
                process.handle().destroyForcibly(); // SIGKILL: nothing a command does postpones it
                ended.add(process.handle().pid());
                if (process.marked()) marked.add(process.handle().pid());
            }
            // The killed need a moment to become zombies; until then they still look alive.
            try {
                Thread.sleep(Math.min(50, 2L << Math.min(look, 5)));
            } catch (InterruptedException e) {
                interrupted = true; // a sweep is not abandoned halfway; the caller hears of it afterwards
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return new Ended(ended.size(), marked.size());
    }

    private record Found(ProcessHandle handle, boolean marked) {}

    private static List<Found> find(Target target) {
        if (!ProcessTable.available()) return descendantsOnly(target.root());
        long self = ProcessHandle.current().pid();
        List<ProcessTable.Entry> table = ProcessTable.scan();
        long ownSession = table.stream()
                .filter(e -> e.pid() == self)
                .mapToLong(ProcessTable.Entry::session)
                .findFirst()
                .orElse(-1);
        // The session test is only safe for a session the command leads; never for Marble's own.
        long session = target.session() > 0 && target.session() != ownSession ? target.session() : 0;
        Set<Long> descendants = descendants(table, target.root());
        List<Found> found = new ArrayList<>();
        for (ProcessTable.Entry entry : table) {
            if (entry.zombie() || entry.pid() == self || entry.pid() == 1) continue;
            boolean marked = target.marker() != null && entry.carries(target.marker());
            if (marked || descendants.contains(entry.pid()) || session != 0 && entry.session() == session) {
                ProcessHandle.of(entry.pid()).ifPresent(handle -> found.add(new Found(handle, marked)));
            }
        }
        return found;
    }

    /** The root (while it runs) and everything below it in this look at the table. */
    private static Set<Long> descendants(List<ProcessTable.Entry> table, ProcessHandle root) {
        Set<Long> below = new HashSet<>();
        if (root == null || !root.isAlive()) return below;
        Map<Long, List<Long>> children = new HashMap<>();
        for (ProcessTable.Entry entry : table)
            children.computeIfAbsent(entry.parent(), k -> new ArrayList<>()).add(entry.pid());
        Deque<Long> queue = new ArrayDeque<>(List.of(root.pid()));
        while (!queue.isEmpty()) {
            long pid = queue.pop();
            if (below.add(pid)) queue.addAll(children.getOrDefault(pid, List.of()));
        }
        return below;
    }

    /** Without /proc: what Java can see, the root and its descendants (what left the tree is out of reach). */
    private static List<Found> descendantsOnly(ProcessHandle root) {
        List<Found> found = new ArrayList<>();
        if (root == null || !root.isAlive()) return found;
        found.add(new Found(root, true));
        root.descendants().filter(ProcessHandle::isAlive).forEach(child -> found.add(new Found(child, true)));
        return found;
    }
}
