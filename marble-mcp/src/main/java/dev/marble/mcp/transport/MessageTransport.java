package dev.marble.mcp.transport;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * What Marble's two client transports share: the SDK's message handler, and the requests still
 * waiting for an answer.
 *
 * <p>The SDK's session waits for each answer until its request timeout: a transport that knows the
 * answer will never come (the server process exited, the stream dropped and could not be resumed)
 * says so at once, by handing the session an error answer for each waiting request. Such an answer
 * carries {@link #TRANSPORT_FAILURE} as its data, so callers can tell it from an error the server sent.
 */
public abstract class MessageTransport implements McpClientTransport {

    /** The {@code data} of an error answer that the transport made up because the real one cannot come. */
    public static final String TRANSPORT_FAILURE = "marble: transport failure";

    protected final McpJsonMapper mapper = McpJsonDefaults.getMapper();

    private volatile Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler;
    private volatile Consumer<Throwable> exceptionHandler = t -> {};
    /** Requests sent and not yet answered, by id, with their method. */
    private final Map<Object, String> waiting = new ConcurrentHashMap<>();

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> {
            this.handler = handler;
            connected();
        });
    }

    /** Called once the SDK's handler is in place (and again if the SDK starts a new session). */
    protected void connected() {}

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        this.exceptionHandler = handler == null ? t -> {} : handler;
    }

    protected void reportException(Throwable problem) {
        exceptionHandler.accept(problem);
    }

    /** Notes a request that now waits for its answer; call before it goes out. */
    protected void sending(JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCRequest request && request.id() != null) {
            waiting.put(request.id(), request.method());
        }
    }

    /** Forgets a request that could not be sent: the SDK hears of that failure itself. */
    protected void notSent(JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCRequest request && request.id() != null) {
            waiting.remove(request.id());
        }
    }

    /** Whether the request with this id still waits for its answer. */
    protected boolean isWaiting(Object id) {
        return id != null && waiting.containsKey(id);
    }

    /** Hands a message from the server to the SDK. */
    protected void receive(JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCResponse response && response.id() != null) {
            waiting.remove(response.id());
        }
        var current = handler;
        if (current == null) return;
        current.apply(Mono.just(message)).subscribe(ignored -> {}, this::reportException);
    }

    /** Parses one message from the server (a line of stdio, an SSE event's data, a JSON body). */
    protected JSONRPCMessage parse(String json) throws IOException {
        return McpSchema.deserializeJsonRpcMessage(mapper, json);
    }

    protected String write(JSONRPCMessage message) throws IOException {
        return mapper.writeValueAsString(message);
    }

    /** Answers the waiting request {@code id} with an error, because its real answer cannot come. */
    protected void fail(Object id, String why) {
        if (id != null && waiting.containsKey(id)) {
            receive(McpSchema.JSONRPCResponse.error(
                    id,
                    new McpSchema.JSONRPCResponse.JSONRPCError(
                            McpSchema.ErrorCodes.INTERNAL_ERROR, why, TRANSPORT_FAILURE)));
        }
    }

    /** Answers every waiting request with an error. */
    protected void failAll(String why) {
        for (Object id : waiting.keySet().toArray()) fail(id, why);
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return mapper.convertValue(data, typeRef);
    }
}
