package dev.marble.tool.approval;

import java.util.List;

/**
 * What a policy says of a tool call. Precedence, strongest first: deny, block, ask, allow, then the
 * tool's default.
 */
public enum Decision {
    ALLOW,
    ASK,
    DENY,
    /**
     * Never run, and nobody is asked: a built-in hard block (sudo, {@code curl … | sh}, a background
     * {@code &}, a write to a device, an unparseable command) or a worker's own refusal. Unlike ask,
     * {@code --approve-all} does not lift it; only an allow rule naming that exact command does.
     */
    BLOCK;

    /** The decisions a configuration file may list under {@code approvals}: blocks are built in. */
    public static final List<Decision> CONFIGURABLE = List.of(DENY, ASK, ALLOW);
}
