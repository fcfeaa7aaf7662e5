package dev.marble.mcp;

import dev.marble.error.MarbleException;

/**
 * An MCP server failed: it could not be started or initialized, or a call to it failed without an
 * answer (timeout, lost connection, a JSON-RPC error). The message is one line that names the
 * server and, for start failures, its command or URL and the last words it wrote to stderr.
 */
public class McpServerException extends MarbleException {

    public McpServerException(String message) {
        super(message);
    }

    public McpServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
