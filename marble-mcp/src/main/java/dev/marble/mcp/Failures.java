package dev.marble.mcp;

import dev.marble.mcp.transport.MessageTransport;
import dev.marble.mcp.transport.StdioTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/** One-line reasons for what the SDK reports as chains of wrapped exceptions. */
final class Failures {

    private Failures() {}

    static String seconds(Duration limit) {
        long millis = limit.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static boolean isTimeout(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) return true;
        }
        return false;
    }

    /** One line on why a step failed, from the SDK's wrapped exceptions. */
    static String why(Throwable error, MessageTransport transport) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof McpError mcp && mcp.getJsonRpcError() != null) {
                McpSchema.JSONRPCResponse.JSONRPCError rpc = mcp.getJsonRpcError();
                if (MessageTransport.TRANSPORT_FAILURE.equals(rpc.data())) return rpc.message();
                String data = rpc.data() instanceof String text && !text.isBlank() ? " (" + text + ")" : "";
                return "the server answered with JSON-RPC error " + rpc.code() + ": " + rpc.message() + data;
            }
        }
        Throwable deepest = error;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                deepest = t;
                break;
            }
            deepest = t;
        }
        String message = deepest.getMessage();
        String text = message == null || message.isBlank() ? deepest.getClass().getSimpleName() : message;
        if (transport instanceof StdioTransport stdio && !stdio.processHandle().isAlive()) {
            text += " (the server " + stdio.exitDescription() + ")";
        }
        return text.replaceAll("\\s*\\R\\s*", " ");
    }
}
