package dev.marble.chain.run;

import dev.marble.chain.state.Progress;
import dev.marble.process.CommandLauncher;
import java.util.function.Consumer;

/**
 * A restart's first duty when a link was in flight: end the processes the last start's link left running. When
 * only Marble's JVM was killed (the OOM killer does that), the Claude Code CLI it started could live on and append
 * to the handoff after the restart restored it, and the link would count twice. The CLI normally dies with Marble
 * (see {@link CommandLauncher}); this catches what got past that, by the pid and start time and the marker the
 * progress file recorded.
 */
final class LeftoverProcesses {

    private LeftoverProcesses() {}

    /** Ends each recorded child still running, and everything carrying its marker; notes what it ended. */
    static void end(Progress.InFlight inFlight, Consumer<String> note) {
        for (Progress.Child child : inFlight.children()) {
            int ended = CommandLauncher.end(child.process(), child.marker());
            if (ended > 0) {
                note.accept(
                        "ENDED: " + ended + (ended == 1 ? " process" : " processes") + " that " + inFlight.linkName()
                                + " left running when the last start died (pid "
                                + child.process().pid() + ", started "
                                + child.process().startedAt() + ")");
            }
        }
    }
}
