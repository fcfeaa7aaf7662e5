package dev.marble.cli;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * OTLP over gRPC on loopback, for {@link OtlpReceiver}: grpc-java's Netty server (HTTP/2, which the JDK's HTTP
 * server does not speak) with the two OTLP services, TraceService and MetricsService, described by hand from
 * opentelemetry-proto's messages (the artifact has no gRPC stubs, so none are generated). Each request's bytes go to
 * {@code raw} before they are decoded, so a test can say what appears nowhere.
 */
final class OtlpGrpcServer {

    private OtlpGrpcServer() {}

    static Server start(
            Consumer<ExportTraceServiceRequest> traces,
            Consumer<ExportMetricsServiceRequest> metrics,
            Consumer<byte[]> raw,
            Consumer<Metadata> headers)
            throws IOException {
        return NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(service(
                        "opentelemetry.proto.collector.trace.v1.TraceService",
                        ExportTraceServiceRequest.parser(),
                        ExportTraceServiceResponse.getDefaultInstance(),
                        new Sinks<>(traces, raw, headers)))
                .addService(service(
                        "opentelemetry.proto.collector.metrics.v1.MetricsService",
                        ExportMetricsServiceRequest.parser(),
                        ExportMetricsServiceResponse.getDefaultInstance(),
                        new Sinks<>(metrics, raw, headers)))
                .build()
                .start();
    }

    private record Sinks<Q>(Consumer<Q> requests, Consumer<byte[]> raw, Consumer<Metadata> headers) {}

    /** A service of one unary method, {@code Export}, answering every request with an empty (all accepted) response. */
    private static <Q extends MessageLite, A extends MessageLite> ServerServiceDefinition service(
            String name, Parser<Q> parser, A answer, Sinks<Q> sinks) {
        MethodDescriptor<Q, A> export = MethodDescriptor.<Q, A>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(name, "Export"))
                .setRequestMarshaller(new Marshaller<>(parser, sinks.raw()))
                .setResponseMarshaller(new Marshaller<>(null, bytes -> {}))
                .build();
        ServerCallHandler<Q, A> handler = (call, headers) -> {
            sinks.headers().accept(headers);
            call.request(1);
            return new ServerCall.Listener<>() {
                @Override
                public void onMessage(Q request) {
                    sinks.requests().accept(request);
                    call.sendHeaders(new Metadata());
                    call.sendMessage(answer);
                    call.close(Status.OK, new Metadata());
                }
            };
        };
        return ServerServiceDefinition.builder(name).addMethod(export, handler).build();
    }

    /** A protobuf message on the wire; {@code parser} is null for the side that is only ever written. */
    private record Marshaller<T extends MessageLite>(Parser<T> parser, Consumer<byte[]> raw)
            implements MethodDescriptor.Marshaller<T> {

        @Override
        public InputStream stream(T value) {
            return value.toByteString().newInput();
        }

        @Override
        public T parse(InputStream stream) {
            try {
                byte[] bytes = stream.readAllBytes();
                raw.accept(bytes);
                return parser.parseFrom(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
