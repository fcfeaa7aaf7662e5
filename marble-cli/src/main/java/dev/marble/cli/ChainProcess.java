package dev.marble.cli;

import dev.marble.chain.state.ChainLock;
import dev.marble.chain.state.StateDir;
import java.util.Optional;

/** The process running a chain: the holder of its lock (the OS frees it when that process dies), and its pid. */
final class ChainProcess {

    private ChainProcess() {}

    static Optional<Long> runningPid(StateDir state) {
        return ChainLock.holder(state)
                .map(holder -> holder.pid().isPresent() ? holder.pid().getAsLong() : -1L);
    }
}
