package dev.marble.mcp.transport;

import java.nio.file.Path;
import java.util.List;

/**
 * A Marble process in miniature for {@link StdioServerDiesWithMarbleTest}: starts an MCP server over stdio (the bash
 * shell command in the first argument, in the folder of the second) as an agent run does, says so, and waits to be
 * killed.
 */
public final class StdioHoldMain {

    public static void main(String[] args) throws Exception {
        StdioTransport server =
                StdioTransport.start(List.of("/bin/bash", "-c", args[0]), System.getenv(), Path.of(args[1]));
        System.out.println("started " + server.processHandle().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
