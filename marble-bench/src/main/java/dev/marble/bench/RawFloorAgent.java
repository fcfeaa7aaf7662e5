package dev.marble.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A floor below the JDK HttpClient: the same three bodies as {@link FloorAgent}, over a minimal blocking HTTP/1.1
 * client on plain sockets, on the run's own virtual thread (no selector thread, no executor, no hand-offs).
 * Keep-alive connections are pooled. Only what the fake sends is understood (content-length or chunked bodies):
 * an experiment, to show what the JDK client's own design costs under load, not a client to use.
 */
final class RawFloorAgent implements BenchAgent {

    private record Connection(Socket socket, InputStream in, OutputStream out) {}

    private final String host;
    private final int port;
    private final String path;
    private final List<byte[]> requests;
    private final Queue<Connection> idle = new ConcurrentLinkedQueue<>();
    private final AtomicLong toolCalls = new AtomicLong();

    RawFloorAgent(String baseUrl, List<String> bodies) {
        URI uri = URI.create(baseUrl + "/chat/completions");
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.path = uri.getRawPath();
        this.requests = bodies.stream().map(this::request).toList();
    }

    private byte[] request(String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nhost: " + host + ":" + port
                        + "\r\ncontent-type: application/json\r\nauthorization: Bearer "
                        + "bench-key-123456\r\ncontent-length: "
                        + content.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + content.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        return all;
    }

    @Override
    public String run() throws IOException {
        Connection connection = idle.poll();
        if (connection == null) connection = connect();
        for (int call = 0; call < requests.size(); call++) {
            if (call > 0) {
                toolCalls.incrementAndGet();
                RunShape.lookup(call - 1);
            }
            connection.out().write(requests.get(call));
            connection.out().flush();
            int status = readResponse(connection.in());
            if (status != 200) {
                connection.socket().close();
                return "status " + status;
            }
        }
        idle.add(connection);
        return null;
    }

    private Connection connect() throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        return new Connection(
                socket,
                new BufferedInputStream(socket.getInputStream(), 16 * 1024),
                new BufferedOutputStream(socket.getOutputStream(), 16 * 1024));
    }

    /** Reads one response to its end; its status. */
    private static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:"))
                length = Long.parseLong(lower.substring(15).trim());
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).trim(), 16);
                    size > 0;
                    size = Long.parseLong(line(in).trim(), 16)) {
                skip(in, size);
                line(in);
            }
            line(in); // after the last chunk
        } else if (length > 0) {
            skip(in, length);
        }
        return status;
    }

    private static void skip(InputStream in, long count) throws IOException {
        long left = count;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) throw new EOFException();
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new EOFException("the connection closed mid-response");
            if (c != '\r') line.append((char) c);
        }
        return line.toString();
    }

    @Override
    public long toolCalls() {
        return toolCalls.get();
    }

    @Override
    public void close() {
        for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
            try {
                connection.socket().close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
