package dev.marble.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * A trace backend in the test: OTLP over HTTP/protobuf on loopback ({@code /v1/traces}, {@code /v1/metrics}), with
 * the JDK's HTTP server decoding what arrives with the OTLP messages of opentelemetry-proto; or, from
 * {@link #startGrpc()}, OTLP over gRPC ({@link OtlpGrpcServer}). Keeps the raw bytes too, so that a test can say what
 * appears nowhere in any request.
 */
final class OtlpReceiver implements AutoCloseable {

    /** A span as received, its ids in hex and its attributes as plain values. */
    record ReceivedSpan(
            String name,
            Span.SpanKind kind,
            String traceId,
            String spanId,
            String parentSpanId,
            Map<String, Object> attributes,
            int statusCode) {

        Object attribute(String key) {
            return attributes.get(key);
        }
    }

    private final List<ExportTraceServiceRequest> traces = new CopyOnWriteArrayList<>();
    private final List<ExportMetricsServiceRequest> metrics = new CopyOnWriteArrayList<>();
    private final List<byte[]> raw = new CopyOnWriteArrayList<>();
    private final List<io.grpc.Metadata> grpcHeaders = new CopyOnWriteArrayList<>();
    private int port;
    private Runnable stop;

    private OtlpReceiver() {}

    static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        OtlpReceiver receiver = new OtlpReceiver();
        server.createContext("/v1/traces", receiver::traces);
        server.createContext("/v1/metrics", receiver::metrics);
        server.start();
        receiver.port = server.getAddress().getPort();
        receiver.stop = () -> server.stop(0);
        return receiver;
    }

    /** The same backend over gRPC (HTTP/2) on loopback. */
    static OtlpReceiver startGrpc() throws IOException {
        OtlpReceiver receiver = new OtlpReceiver();
        io.grpc.Server server = OtlpGrpcServer.start(
                receiver.traces::add, receiver.metrics::add, receiver.raw::add, receiver.grpcHeaders::add);
        receiver.port = server.getPort();
        receiver.stop = () -> {
            server.shutdownNow();
            try {
                server.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        return receiver;
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The metadata (headers) of every gRPC request received. */
    List<io.grpc.Metadata> grpcHeaders() {
        return grpcHeaders;
    }

    private void traces(HttpExchange exchange) throws IOException {
        byte[] body = body(exchange);
        traces.add(ExportTraceServiceRequest.parseFrom(body));
        answer(exchange, ExportTraceServiceResponse.getDefaultInstance().toByteArray());
    }

    private void metrics(HttpExchange exchange) throws IOException {
        byte[] body = body(exchange);
        metrics.add(ExportMetricsServiceRequest.parseFrom(body));
        answer(exchange, ExportMetricsServiceResponse.getDefaultInstance().toByteArray());
    }

    private byte[] body(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding")))
            in = new GZIPInputStream(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        byte[] body = out.toByteArray();
        raw.add(body);
        return body;
    }

    private static void answer(HttpExchange exchange, byte[] response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, response.length);
        exchange.getResponseBody().write(response);
        exchange.close();
    }

    List<ReceivedSpan> spans() {
        List<ReceivedSpan> spans = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        for (ExportTraceServiceRequest request : traces)
            for (var resource : request.getResourceSpansList())
                for (var scope : resource.getScopeSpansList())
                    for (Span span : scope.getSpansList())
                        spans.add(new ReceivedSpan(
                                span.getName(),
                                span.getKind(),
                                hex.formatHex(span.getTraceId().toByteArray()),
                                hex.formatHex(span.getSpanId().toByteArray()),
                                hex.formatHex(span.getParentSpanId().toByteArray()),
                                attributes(span.getAttributesList()),
                                span.getStatus().getCodeValue()));
        return spans;
    }

    /** The resource attributes of the first export, as plain values. */
    Map<String, Object> resource() {
        return traces.isEmpty()
                ? Map.of()
                : attributes(traces.getFirst().getResourceSpans(0).getResource().getAttributesList());
    }

    List<Metric> metrics() {
        return metrics.stream()
                .flatMap(request -> request.getResourceMetricsList().stream())
                .flatMap(resource -> resource.getScopeMetricsList().stream())
                .flatMap(scope -> scope.getMetricsList().stream())
                .toList();
    }

    Optional<ReceivedSpan> span(String name) {
        return spans().stream().filter(span -> span.name().equals(name)).findFirst();
    }

    List<ReceivedSpan> children(ReceivedSpan parent) {
        return spans().stream()
                .filter(span -> span.parentSpanId().equals(parent.spanId()))
                .toList();
    }

    /** Every byte received, as text: for what must appear nowhere. */
    String everything() {
        return raw.stream()
                .map(bytes -> new String(bytes, StandardCharsets.ISO_8859_1))
                .collect(Collectors.joining());
    }

    static Map<String, Object> attributes(List<KeyValue> values) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (KeyValue kv : values) attributes.put(kv.getKey(), value(kv.getValue()));
        return attributes;
    }

    private static Object value(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> value.getIntValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            case BOOL_VALUE -> value.getBoolValue();
            case ARRAY_VALUE ->
                value.getArrayValue().getValuesList().stream()
                        .map(OtlpReceiver::value)
                        .toList();
            default -> value.toString();
        };
    }

    @Override
    public void close() {
        stop.run();
    }
}
