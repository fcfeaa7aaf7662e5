package dev.marble.tool.approval;

/** What a policy says of a tool call. */
public enum Decision {
    ALLOW,
    ASK,
    DENY
}
