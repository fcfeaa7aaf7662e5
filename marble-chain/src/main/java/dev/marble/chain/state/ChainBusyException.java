package dev.marble.chain.state;

import dev.marble.error.MarbleException;
import java.util.OptionalLong;

/** A second {@code chain start} of a chain that is already running (llmauto let both run on the same files: defect 12).
 * */
public class ChainBusyException extends MarbleException {

    private final String chain;
    private final OptionalLong pid;

    /** Running elsewhere than in a process of this machine: {@code where} says where (a workflow on Temporal). */
    public ChainBusyException(String chain, String where) {
        super("chain " + chain + " is already running " + where);
        this.chain = chain;
        this.pid = OptionalLong.empty();
    }

    public ChainBusyException(String chain, OptionalLong pid) {
        super("chain " + chain + " is already running (pid " + (pid.isPresent() ? pid.getAsLong() : "unknown") + ")");
        this.chain = chain;
        this.pid = pid;
    }

    public String chain() {
        return chain;
    }

    /** The process that holds the chain, when it could be read from the lock file. */
    public OptionalLong pid() {
        return pid;
    }
}
