package dev.marble.testkit.fake;

import dev.marble.error.ModelException;
import dev.marble.json.Json;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Cost;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.model.StopReason;
import dev.marble.model.StreamListener;
import dev.marble.model.Usage;
import dev.marble.provider.ChatModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link ChatModel} for users' tests: it answers from a script, one step per call, and records every
 * request it was sent, so a test can check what an agent told its model (the instructions, the tools
 * offered, the tool results handed back) without a server or a key.
 *
 * <pre>{@code
 * FakeChatModel model = new FakeChatModel()
 *         .thenCall("get_weather", "{\"city\": \"Paris\"}")
 *         .thenReply("Sunny in Paris.");
 * // ... run the agent on it ...
 * assertThat(model.requests()).hasSize(2);
 * assertThat(model.lastRequest().messages().getLast().parts()).hasOnlyElementsOfType(Part.ToolResult.class);
 * }</pre>
 *
 * It streams as a provider does (text in word-sized deltas, then each tool call), costs nothing, and fails
 * with a {@link ModelException} naming the call when the script has no step left. Safe to call from several
 * threads; each call takes the next step.
 */
public final class FakeChatModel implements ChatModel {

    private static final Pattern WORD = Pattern.compile("\\S+\\s*|\\s+");

    private final ModelRef ref;
    private final Deque<Function<ChatRequest, ChatResponse>> script = new ArrayDeque<>();
    private final List<ChatRequest> requests = new ArrayList<>();
    private int steps;

    /** A model named {@code fake:model}. */
    public FakeChatModel() {
        this(new ModelRef("fake", "model"));
    }

    /** A model that reports itself as {@code ref}, for code that looks at which model answered. */
    public FakeChatModel(ModelRef ref) {
        this.ref = ref;
    }

    /** A model that answers with these texts, one per call. */
    public static FakeChatModel replying(String... texts) {
        FakeChatModel model = new FakeChatModel();
        for (String text : texts) model.thenReply(text);
        return model;
    }

    /** The next call answers with {@code text} and ends its turn. */
    public FakeChatModel thenReply(String text) {
        return thenAnswer(Message.assistant(text));
    }

    /** The next call asks for one tool call; the call's id is made up ({@code call_1}, {@code call_2}, ...). */
    public FakeChatModel thenCall(String toolName, String argumentsJson) {
        synchronized (script) {
            String id = "call_" + (steps + 1);
            return thenAnswer(
                    new Message(Role.ASSISTANT, List.of(new Part.ToolCall(id, toolName, Json.parse(argumentsJson)))));
        }
    }

    /** The next call answers with {@code message}: tool calls in it make the stop reason TOOL_USE. */
    public FakeChatModel thenAnswer(Message message) {
        return thenAnswer(message, Usage.ZERO);
    }

    /** The same, counting {@code usage} for the call (for tests of budgets and totals). */
    public FakeChatModel thenAnswer(Message message, Usage usage) {
        StopReason stop = message.hasToolCalls() ? StopReason.TOOL_USE : StopReason.END_TURN;
        return thenRespond(request -> new ChatResponse(
                message, stop, stop.name().toLowerCase(Locale.ROOT), usage, ref, null, null, Cost.FREE, null));
    }

    /** The next call fails with {@code failure}, as a provider's would (retryable or not by its kind). */
    public FakeChatModel thenFail(ModelException failure) {
        return thenRespond(request -> {
            throw failure;
        });
    }

    /** The next call's response is made from its request, for answers that depend on what was asked. */
    public FakeChatModel thenRespond(Function<ChatRequest, ChatResponse> responder) {
        synchronized (script) {
            script.add(responder);
            steps++;
        }
        return this;
    }

    @Override
    public ModelRef ref() {
        return ref;
    }

    @Override
    public ChatResponse chat(ChatRequest request, StreamListener listener) {
        Function<ChatRequest, ChatResponse> step;
        int call;
        synchronized (script) {
            requests.add(request);
            call = requests.size();
            step = script.poll();
        }
        if (step == null) {
            throw new ModelException(
                    ModelException.Kind.PROVIDER_FAILED,
                    "the fake model's script has " + steps + " steps and call " + call + " asked for another");
        }
        ChatResponse response = step.apply(request);
        stream(response.message(), listener);
        return response;
    }

    /** Every request this model was sent, in order. */
    public List<ChatRequest> requests() {
        synchronized (script) {
            return List.copyOf(requests);
        }
    }

    /** The last request this model was sent. */
    public ChatRequest lastRequest() {
        synchronized (script) {
            if (requests.isEmpty()) throw new IllegalStateException("the fake model has not been called");
            return requests.getLast();
        }
    }

    /** How many scripted steps are still to come. */
    public int remaining() {
        synchronized (script) {
            return script.size();
        }
    }

    private static void stream(Message message, StreamListener listener) {
        for (Part part : message.parts()) {
            switch (part) {
                case Part.Text text -> {
                    if (!listener.wantsDeltas()) continue;
                    Matcher words = WORD.matcher(text.text());
                    while (words.find()) listener.onText(words.group());
                }
                case Part.Reasoning reasoning -> {
                    if (listener.wantsDeltas()) listener.onReasoning(reasoning.text());
                }
                case Part.ToolCall call -> listener.onToolCall(call);
                default -> {}
            }
        }
    }
}
