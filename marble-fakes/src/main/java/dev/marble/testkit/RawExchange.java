package dev.marble.testkit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The response side of one request: a whole response, a chunked body sent piece by piece, or a broken
 * connection. Everything goes through one buffered stream and is flushed once per piece the client should see,
 * so a plain answer costs one write.
 */
final class RawExchange {
    private static final byte[] CRLF = {'\r', '\n'};

    private final Socket socket;
    private final OutputStream out;
    private final boolean closeAfter;
    private boolean headSent;
    private boolean complete;
    private boolean broken;

    RawExchange(Socket socket, OutputStream out, boolean closeAfter) {
        this.socket = socket;
        this.out = out;
        this.closeAfter = closeAfter;
    }

    /** Whether the connection can carry another request after this exchange. */
    boolean keepsConnection() {
        return complete && !broken && !closeAfter;
    }

    /** Whether anything of a response went out (or the connection was broken), so no other response can. */
    boolean started() {
        return headSent || broken;
    }

    /** A response with a Content-Length body. */
    void send(int status, Map<String, String> headers, byte[] body) throws IOException {
        sendWithPause(status, headers, body, body.length, Duration.ZERO);
    }

    /** A Content-Length response whose body stops after {@code splitAt} bytes for {@code pause}, then goes on. */
    void sendWithPause(int status, Map<String, String> headers, byte[] body, int splitAt, Duration pause)
            throws IOException {
        writeHead(status, headers, "content-length: " + body.length);
        out.write(body, 0, splitAt);
        if (splitAt < body.length) {
            out.flush();
            sleep(pause);
            out.write(body, splitAt, body.length - splitAt);
        }
        out.flush();
        complete = true;
    }

    /** A Content-Length response that promises {@code declared} bytes and breaks the connection after {@code body}. */
    void sendTruncated(int status, Map<String, String> headers, byte[] body, long declared) throws IOException {
        writeHead(status, headers, "content-length: " + declared);
        out.write(body);
        cut();
    }

    /** Starts a {@code Transfer-Encoding: chunked} response; the caller sends the pieces and ends or cuts it. */
    ChunkedBody startChunked(int status, Map<String, String> headers) throws IOException {
        writeHead(status, headers, "transfer-encoding: chunked");
        out.flush();
        return new ChunkedBody();
    }

    /** Closes with SO_LINGER 0 so the kernel sends a TCP RST instead of a FIN. */
    void reset() throws IOException {
        broken = true;
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Flushes what was written, then closes (FIN) in the middle of the response. */
    void cut() throws IOException {
        broken = true;
        try {
            out.flush();
        } finally {
            socket.close();
        }
    }

    /** One piece of a chunked body per call, flushed at once so the client sees it as it would from a model. */
    final class ChunkedBody {
        private ChunkedBody() {}

        void send(String piece) throws IOException {
            byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
            if (bytes.length == 0) {
                return; // an empty chunk would end the body
            }
            out.write(Integer.toHexString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            out.write(CRLF);
            out.write(bytes);
            out.write(CRLF);
            out.flush();
        }

        /** The terminating 0-chunk: a clean end of the body. */
        void end() throws IOException {
            out.write('0');
            out.write(CRLF);
            out.write(CRLF);
            out.flush();
            complete = true;
        }
    }

    static void sleep(Duration pause) throws InterruptedIOException {
        if (pause.isZero()) {
            return;
        }
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stalling on purpose");
        }
    }

    private void writeHead(int status, Map<String, String> headers, String framing) throws IOException {
        if (started()) {
            throw new IllegalStateException("response already sent");
        }
        StringBuilder head = new StringBuilder(256)
                .append("HTTP/1.1 ")
                .append(status)
                .append(' ')
                .append(reason(status))
                .append("\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append(framing).append("\r\n");
        if (closeAfter) {
            head.append("connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        headSent = true;
    }

    private static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 529 -> "Overloaded";
            default -> "Status " + status;
        };
    }
}
