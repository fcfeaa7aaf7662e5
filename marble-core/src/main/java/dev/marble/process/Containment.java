package dev.marble.process;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of Linux's means to end a command with everything it started work on this machine, outside the sandbox
 * (inside it the PID namespace ends everything).
 *
 * @param processTable      {@code /proc} is readable: leftovers are found by their marker and session
 * @param ownSession        {@code setsid} is there: each command leads a session of its own
 * @param parentDeathSignal {@code setpriv} is there: the kernel kills a command when Marble dies
 * @param reaper            the watcher runs that ends every marked process when Marble dies
 */
public record Containment(boolean processTable, boolean ownSession, boolean parentDeathSignal, boolean reaper) {

    /** The means in use, in words. */
    public List<String> inUse() {
        List<String> means = new ArrayList<>();
        if (ownSession) means.add("a session per command");
        if (processTable) means.add("a MARBLE_LAUNCH marker searched for in /proc");
        if (parentDeathSignal) means.add("parent-death signal (setpriv)");
        if (reaper) means.add("a watcher that ends marked processes when Marble dies");
        if (means.isEmpty()) means.add("the command and its descendants only");
        return means;
    }

    /** The means missing here, in words. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!processTable) missing.add("no /proc: processes that left the command's tree cannot be found");
        if (!ownSession) missing.add("no setsid: commands share Marble's session");
        if (!parentDeathSignal) missing.add("no setpriv: a command is not killed by the kernel when Marble dies");
        if (!reaper && processTable) missing.add("the watcher could not be started");
        return missing;
    }
}
