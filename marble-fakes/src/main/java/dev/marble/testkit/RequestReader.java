package dev.marble.testkit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads HTTP/1.1 requests, head and body separately so the server can answer {@code Expect: 100-continue}. */
final class RequestReader {
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEADERS = 256;
    private static final int MAX_BODY = 64 * 1024 * 1024;

    /** The request cannot be parsed; the server answers 400 and closes. */
    static final class MalformedRequest extends IOException {
        MalformedRequest(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private final StringBuilder line = new StringBuilder(128);

    /** {@code in} should be buffered: lines are read one byte at a time. */
    RequestReader(InputStream in) {
        this.in = in;
    }

    /** The request line and headers, with an empty body; {@code null} when the peer closed between requests. */
    RawRequest readHead() throws IOException {
        String requestLine = readLine(true);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = readLine(true); // RFC 9112 2.2: ignore empty lines before a request line
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new MalformedRequest("bad request line: " + requestLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = readLine(false); !header.isEmpty(); header = readLine(false)) {
            int colon = header.indexOf(':');
            if (colon <= 0 || headers.size() >= MAX_HEADERS) {
                throw new MalformedRequest("bad header: " + header);
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        return new RawRequest(parts[0], parts[1], parts[2], headers, new byte[0]);
    }

    /** The body the headers announce: chunked, Content-Length, or none. */
    byte[] readBody(Map<String, String> headers) throws IOException {
        String encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return readChunked();
        }
        String length = headers.get("content-length");
        if (length == null) {
            return new byte[0];
        }
        long n;
        try {
            n = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw new MalformedRequest("bad content-length: " + length);
        }
        if (n < 0 || n > MAX_BODY) {
            throw new MalformedRequest("unacceptable content-length: " + length);
        }
        return readExactly((int) n);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(false);
            int extension = sizeLine.indexOf(';');
            String hex = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new MalformedRequest("bad chunk size: " + sizeLine);
            }
            if (size < 0 || body.size() + (long) size > MAX_BODY) {
                throw new MalformedRequest("chunked body too large");
            }
            if (size == 0) {
                while (!readLine(false).isEmpty()) {
                    // trailer fields: read and dropped
                }
                return body.toByteArray();
            }
            body.write(readExactly(size));
            if (!readLine(false).isEmpty()) {
                throw new MalformedRequest("chunk not followed by CRLF");
            }
        }
    }

    private byte[] readExactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new EOFException("body ended after " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    /** A line without its CRLF (or bare LF); at end of stream {@code null} if allowed, else EOFException. */
    private String readLine(boolean endAllowed) throws IOException {
        line.setLength(0);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (endAllowed && line.isEmpty()) {
                    return null;
                }
                throw new EOFException("connection closed in the middle of a request");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new MalformedRequest("line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b); // ISO-8859-1, as HTTP header bytes are
        }
    }
}
