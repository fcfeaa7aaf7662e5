package dev.marble.testkit;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves one file over loopback HTTP as the Hugging Face hub does: {@code GET /{repo}/resolve/main/{file}}
 * answers with a redirect to a content server and the file's SHA-256 in {@code X-Linked-ETag} (as the hub
 * does for files stored with Git LFS); the content server honours {@code Range} with 206. It can break the
 * first downloads off part-way, to test resuming, and records every request's path and range.
 */
public final class FakeFileServer implements AutoCloseable {

    /** One request as the server saw it. */
    public record Seen(String path, String range, String authorization) {}

    private final LoopbackHttpServer server;
    private final String resolvePath;
    private final byte[] content;
    private volatile String linkedEtag;
    private volatile int breakAfterBytes = -1;
    private final AtomicInteger breaksLeft = new AtomicInteger();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private FakeFileServer(String repo, String file, byte[] content) {
        this.resolvePath = "/" + repo + "/resolve/main/" + file;
        this.content = content.clone();
        this.linkedEtag = sha256(content);
        this.server = LoopbackHttpServer.start(this::handle);
    }

    /** Serves {@code content} as {@code file} of {@code repo} ({@code owner/name}). */
    public static FakeFileServer start(String repo, String file, byte[] content) {
        return new FakeFileServer(repo, file, content);
    }

    /** The base URL, as {@code HF_ENDPOINT} takes it. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The next {@code times} downloads of the content break off after {@code bytes} bytes. */
    public FakeFileServer breakAfter(int bytes, int times) {
        breakAfterBytes = bytes;
        breaksLeft.set(times);
        return this;
    }

    /** The SHA-256 announced in {@code X-Linked-ETag} (null: none is sent, as for files outside LFS). */
    public FakeFileServer linkedEtag(String sha256) {
        linkedEtag = sha256;
        return this;
    }

    public List<Seen> requests() {
        return List.copyOf(seen);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(RawRequest request, RawExchange exchange) throws IOException {
        seen.add(new Seen(request.path(), request.header("range"), request.header("authorization")));
        if (request.path().equals(resolvePath)) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("location", "/cdn" + resolvePath);
            if (linkedEtag != null) headers.put("x-linked-etag", "\"" + linkedEtag + "\"");
            headers.put("x-linked-size", String.valueOf(content.length));
            exchange.send(302, headers, new byte[0]);
            return;
        }
        if (!request.path().equals("/cdn" + resolvePath)) {
            exchange.send(404, Map.of("content-type", "text/plain"), "Entry not found".getBytes());
            return;
        }
        int from = 0;
        String range = request.header("range");
        if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
            from = Integer.parseInt(range.substring(6, range.length() - 1));
            if (from >= content.length) {
                exchange.send(416, Map.of("content-range", "bytes */" + content.length), new byte[0]);
                return;
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/octet-stream");
        headers.put("accept-ranges", "bytes");
        int status = 200;
        if (from > 0) {
            status = 206;
            headers.put("content-range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
        }
        byte[] body = Arrays.copyOfRange(content, from, content.length);
        if (breakAfterBytes >= 0 && breaksLeft.getAndDecrement() > 0 && breakAfterBytes < body.length) {
            exchange.sendTruncated(status, headers, Arrays.copyOf(body, breakAfterBytes), body.length);
            return;
        }
        exchange.send(status, headers, body);
    }

    @Override
    public void close() {
        server.close();
    }
}
