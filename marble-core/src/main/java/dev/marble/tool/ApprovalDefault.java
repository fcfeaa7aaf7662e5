package dev.marble.tool;

/**
 * A tool's own view of how risky it is, used when no approval rule matches: reading is allowed,
 * anything that writes, runs commands or reaches outside (Java and MCP tools, unless marked
 * pre-approved) is asked about.
 */
public enum ApprovalDefault {
    ALLOW,
    ASK
}
