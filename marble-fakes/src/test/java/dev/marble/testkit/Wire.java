package dev.marble.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test-side wire helpers: a plain JDK client, a raw socket client, and parsers that check framing strictly. */
final class Wire {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Wire() {}

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static HttpResponse<String> post(String url, String body, String... headers) throws Exception {
        return CLIENT.send(request(url, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest request(String url, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder.build();
    }

    /** One SSE event: its {@code event:} field (or null) and its {@code data:} text. */
    record Sse(String event, String data) {
        JsonNode json() {
            return Wire.json(data);
        }

        String type() {
            return json().get("type").asString();
        }
    }

    /** Parses an SSE body strictly: every event ends with a blank line, fields are {@code event} and {@code data}. */
    static List<Sse> sse(String body) {
        assertThat(body).as("an SSE body ends with a blank line").endsWith("\n\n");
        List<Sse> events = new ArrayList<>();
        for (String block : body.substring(0, body.length() - 2).split("\n\n", -1)) {
            String event = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    assertThat(data).as("one data line per event").isNull();
                    data = line.substring(6);
                } else {
                    throw new AssertionError("unexpected SSE line: " + line);
                }
            }
            events.add(new Sse(event, data));
        }
        return events;
    }

    /** A response read off a raw socket, its chunked body decoded strictly (each chunk kept). */
    record RawResponse(int status, Map<String, String> headers, byte[] body, List<String> chunks, boolean ended) {
        String header(String name) {
            return headers.get(name);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Sends raw bytes on a fresh connection and reads one response (till EOF or the body's end). */
    static RawResponse raw(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readResponse(socket.getInputStream());
        }
    }

    static String rawPost(String path, String body, String... headerLines) {
        StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nhost: 127.0.0.1\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return request.append("content-type: application/json\r\ncontent-length: ")
                .append(bytes.length)
                .append("\r\n\r\n")
                .append(body)
                .toString();
    }

    static RawResponse readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        assertThat(statusLine).startsWith("HTTP/1.1 ");
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        if ("chunked".equals(headers.get("transfer-encoding"))) {
            List<String> chunks = new ArrayList<>();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                if (size == null) {
                    return new RawResponse(status, headers, body.toByteArray(), chunks, false); // cut
                }
                int n = Integer.parseInt(size, 16);
                if (n == 0) {
                    assertThat(line(in)).as("final CRLF").isEmpty();
                    return new RawResponse(status, headers, body.toByteArray(), chunks, true);
                }
                byte[] chunk = in.readNBytes(n);
                assertThat(chunk).hasSize(n);
                assertThat(line(in)).as("CRLF after a chunk").isEmpty();
                chunks.add(new String(chunk, StandardCharsets.UTF_8));
                body.write(chunk);
            }
        }
        int length = Integer.parseInt(headers.get("content-length"));
        byte[] body = in.readNBytes(length);
        return new RawResponse(status, headers, body, List.of(), body.length == length);
    }

    /** A CRLF-terminated line, or null at end of stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                assertThat(text).as("lines end with CRLF").endsWith("\r");
                return text.substring(0, text.length() - 1);
            }
            line.write(b);
        }
        return null;
    }
}
