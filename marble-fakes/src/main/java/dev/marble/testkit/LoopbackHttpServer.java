package dev.marble.testkit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal HTTP/1.1 server on 127.0.0.1 over raw sockets. The JDK's com.sun HttpServer cannot send a TCP RST or
 * a chunked body without its final chunk, which the fault injection needs. One virtual thread per connection
 * serves requests in a keep-alive loop; nothing else is created per request, so latency benchmarks measure the
 * client, not this server. HTTP/2 upgrade headers (h2c) are ignored: the answer is plain HTTP/1.1, which a
 * client must accept.
 */
final class LoopbackHttpServer implements AutoCloseable {

    /** Answers one request; must send a response through the exchange (or break the connection). */
    @FunctionalInterface
    interface Handler {
        void handle(RawRequest request, RawExchange exchange) throws IOException;
    }

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int BUFFER = 16 * 1024;

    private final ServerSocket serverSocket;
    private final Handler handler;
    private final AtomicInteger accepted = new AtomicInteger();
    /** Open connections and their threads, so close() can end them even mid-stall. */
    private final Map<Socket, Thread> connections = new ConcurrentHashMap<>();

    private volatile boolean closed;

    private LoopbackHttpServer(ServerSocket serverSocket, Handler handler) {
        this.serverSocket = serverSocket;
        this.handler = handler;
    }

    static LoopbackHttpServer start(Handler handler) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            LoopbackHttpServer server = new LoopbackHttpServer(socket, handler);
            Thread.ofVirtual().name("fake-http-accept-" + socket.getLocalPort()).start(server::acceptLoop);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** How many TCP connections were accepted so far: tells keep-alive reuse from reconnecting. */
    int acceptedConnections() {
        return accepted.get();
    }

    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.forEach((socket, thread) -> {
            thread.interrupt(); // ends a deliberate stall (SLOW_*) at once
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        });
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            Thread thread =
                    Thread.ofVirtual().name("fake-http-" + port() + "-conn").unstarted(() -> serve(socket));
            connections.put(socket, thread);
            thread.start();
            if (closed) { // close() may have run before this connection was registered
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true); // SSE events and small answers must not wait for Nagle
            RequestReader reader = new RequestReader(new BufferedInputStream(socket.getInputStream(), BUFFER));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
            try {
                while (!closed && serveOne(socket, reader, out)) {
                    // keep-alive: next request on the same connection
                }
            } catch (RequestReader.MalformedRequest e) {
                out.write(("HTTP/1.1 400 Bad Request\r\ncontent-type: text/plain\r\nconnection: close\r\n"
                                + "content-length: 0\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // the peer went away, or a fault broke the connection on purpose
        } finally {
            connections.remove(socket);
        }
    }

    /** Serves one request; whether the connection stays open for another. */
    private boolean serveOne(Socket socket, RequestReader reader, OutputStream out) throws IOException {
        RawRequest head = reader.readHead();
        if (head == null) {
            return false;
        }
        if ("100-continue".equalsIgnoreCase(head.header("expect"))) {
            out.write(CONTINUE);
            out.flush();
        }
        RawRequest request = head.withBody(reader.readBody(head.headers()));
        RawExchange exchange = new RawExchange(socket, out, request.wantsClose());
        try {
            handler.handle(request, exchange);
        } catch (RuntimeException bug) {
            // A bug in a fake: say so loudly, and give the client a 500 rather than a hang.
            System.err.println("fake model server: handler failed for " + request.method() + " " + request.target());
            bug.printStackTrace();
            if (!exchange.started()) {
                exchange.send(
                        500,
                        Map.of("content-type", "text/plain; charset=utf-8"),
                        ("fake model server bug: " + bug).getBytes(StandardCharsets.UTF_8));
            }
            return false;
        }
        return exchange.keepsConnection();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
