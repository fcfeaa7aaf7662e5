package dev.marble.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake server as a process of its own, for peers that must run in a network namespace with nothing
 * but loopback (the Claude Code CLI phones home when it can): the fake starts inside the namespace
 * and the peer joins it.
 *
 * <pre>FakeServerMain anthropic|openai|gemini PORT_FILE REQUEST_LOG [REPLIES_JSON]</pre>
 * Writes its port to PORT_FILE once listening, appends each request it receives to REQUEST_LOG as a
 * JSON line ({@code method}, {@code path}, {@code body}), answers as the {@link FakeReplyScript} in REPLIES_JSON says
 * (its
 * replies in order, then its {@code then} reply or echoes), and exits when its standard input closes.
 */
public final class FakeServerMain {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private FakeServerMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: FakeServerMain anthropic|openai|gemini PORT_FILE REQUEST_LOG [REPLIES_JSON]");
            System.exit(2);
        }
        try (FakeModelServer server = switch (args[0]) {
            case "openai" -> FakeOpenAiServer.start();
            case "gemini" -> FakeGeminiServer.start();
            default -> FakeAnthropicServer.start();
        }) {
            if (args.length > 3) play(server, FakeReplyScript.parse(Files.readString(Path.of(args[3]))));
            Path log = Path.of(args[2]);
            Thread.ofVirtual().start(() -> copyRequests(server, log));
            Path portFile = Path.of(args[1]);
            Path partial = portFile.resolveSibling(portFile.getFileName() + ".tmp");
            Files.writeString(partial, Integer.toString(server.port()));
            Files.move(partial, portFile, StandardCopyOption.ATOMIC_MOVE);
            while (System.in.read() >= 0) {
                // runs until the parent closes our standard input (or dies)
            }
        }
    }

    private static void play(FakeModelServer server, FakeReplyScript script) {
        script.replies().forEach(server::enqueue);
        if (script.then() != null) server.respondWith(request -> script.then());
    }

    private static void copyRequests(FakeModelServer server, Path log) {
        int written = 0;
        while (true) {
            var requests = server.requests();
            try {
                for (; written < requests.size(); written++) {
                    SeenRequest request = requests.get(written);
                    ObjectNode line = JSON.createObjectNode();
                    line.put("method", request.method());
                    line.put("path", request.path());
                    line.set("body", request.body());
                    Files.writeString(
                            log,
                            JSON.writeValueAsString(line) + "\n",
                            StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                }
                Thread.sleep(20);
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }
}
