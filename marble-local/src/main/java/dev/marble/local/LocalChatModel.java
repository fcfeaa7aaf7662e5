package dev.marble.local;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaOutput;
import dev.marble.error.ModelException;
import dev.marble.model.ChatOptions;
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
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A GGUF model run in this process. The prompt is the model's own chat template applied to the
 * conversation ({@link PromptMessages}); the output is held to a grammar ({@link OutputGrammar}) so a
 * tool call always parses and names an offered tool; the answer streams token by token, and a call
 * ends at the model's end-of-turn token, a stop sequence, the token limit, the time limit or an
 * interrupt (which cancels generation in llama.cpp between two tokens).
 */
public final class LocalChatModel implements ChatModel {

    private final ModelRef ref;
    private final Supplier<LoadedModel> model;
    private final Duration defaultTimeout;

    LocalChatModel(ModelRef ref, Supplier<LoadedModel> model, Duration defaultTimeout) {
        this.ref = ref;
        this.model = model;
        this.defaultTimeout = defaultTimeout;
    }

    @Override
    public ModelRef ref() {
        return ref;
    }

    @Override
    public ChatResponse chat(ChatRequest request, StreamListener listener) {
        LocalRequest checked = LocalRequest.check(request);
        String templateInput = PromptMessages.templateInput(request, checked.answerSchema());
        String grammar = OutputGrammar.of(request.tools(), checked.answerSchema());
        long deadline =
                System.nanoTime() + request.attemptTimeout(defaultTimeout).toNanos();
        LoadedModel loaded = model.get();
        try {
            loaded.lock().lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException(ModelException.Kind.INTERRUPTED, "interrupted");
        }
        try {
            return generate(loaded, checked, templateInput, grammar, deadline, listener);
        } finally {
            loaded.lock().unlock();
        }
    }

    private ChatResponse generate(
            LoadedModel loaded,
            LocalRequest checked,
            String templateInput,
            String grammar,
            long deadline,
            StreamListener listener) {
        ChatOptions options = checked.request().options();
        String prompt = loaded.llama().applyTemplate(templateInput);
        int[] promptTokens =
                withBos(loaded.llama().encode(prompt), loaded.file().addsBos());
        int room = loaded.contextSize() - promptTokens.length;
        if (room < 1) {
            throw new ModelException(
                    ModelException.Kind.BAD_REQUEST,
                    "local: the prompt is " + promptTokens.length
                            + " tokens and the context holds " + loaded.contextSize() + " (set local.context_size, or"
                            + " context_size of this model under local.models)");
        }
        int limit = options.maxTokens() == null ? room : Math.min(options.maxTokens(), room);
        InferenceParameters parameters =
                new InferenceParameters(prompt).setNPredict(limit).setCachePrompt(true);
        if (options.temperature() != null)
            parameters.setTemperature(options.temperature().floatValue());
        if (options.topP() != null) parameters.setTopP(options.topP().floatValue());
        if (checked.seed() != null) parameters.setSeed(checked.seed());
        if (checked.topK() != null) parameters.setTopK(checked.topK());
        if (checked.minP() != null) parameters.setMinP(checked.minP().floatValue());
        if (checked.repeatPenalty() != null)
            parameters.setRepeatPenalty(checked.repeatPenalty().floatValue());
        if (grammar != null) parameters.setGrammar(grammar);

        boolean tools = !checked.request().tools().isEmpty();
        HeldText text = new HeldText(options.stopSequences(), tools ? OutputGrammar.OPEN : null);
        int cached = Math.min(commonPrefix(loaded.cachedTokens(), promptTokens), promptTokens.length - 1);
        loaded.cachedTokens(promptTokens);
        int generated = 0;
        LlamaIterator outputs = loaded.llama().generate(parameters).iterator();
        boolean finished = false;
        try {
            while (outputs.hasNext()) {
                LlamaOutput output = outputs.next();
                if (!outputs.hasNext()) {
                    finished = true; // the last output says that generation has ended; it carries no token
                    if (!output.text.isEmpty()) text.add(output.text);
                    break;
                }
                generated++; // one output per token, the end-of-turn token included (its text is empty)
                String shown = text.add(output.text);
                if (!shown.isEmpty() && listener.wantsDeltas()) listener.onText(shown);
                if (text.stopped()) break;
                if (Thread.currentThread().isInterrupted())
                    throw new ModelException(ModelException.Kind.INTERRUPTED, "interrupted");
                if (System.nanoTime() - deadline > 0) {
                    throw new ModelException(
                            ModelException.Kind.TIMEOUT,
                            "local: no answer within the time limit (" + generated + " tokens generated)");
                }
            }
        } catch (ModelException e) {
            throw e;
        } catch (RuntimeException e) { // de.kherud.llama.LlamaException, which is not public
            throw new ModelException(ModelException.Kind.PROVIDER_FAILED, "local: llama.cpp failed: " + e.getMessage());
        } finally {
            if (!finished) outputs.cancel();
        }
        String raw = text.text();
        StopReason stop = text.stopped()
                ? StopReason.STOP_SEQUENCE
                : generated >= limit ? StopReason.MAX_TOKENS : StopReason.END_TURN;
        loaded.cachedTokens(concat(promptTokens, loaded.llama().encode(raw)));
        List<Part> parts = OutputParser.parse(raw, tools);
        if (parts == null) {
            if (stop != StopReason.MAX_TOKENS) {
                throw new ModelException(
                        ModelException.Kind.INVALID_RESPONSE,
                        "local: the answer holds a tool call that"
                                + " does not parse, although the grammar should have prevented it");
            }
            parts = List.of(new Part.Text(raw)); // cut off inside a tool call: what there is, as text
        }
        boolean calls = parts.stream().anyMatch(Part.ToolCall.class::isInstance);
        for (Part part : parts) if (part instanceof Part.ToolCall call) listener.onToolCall(call);
        if (calls && stop == StopReason.END_TURN) stop = StopReason.TOOL_USE;
        Usage usage = new Usage(promptTokens.length - cached, generated, cached, 0);
        return new ChatResponse(
                new Message(Role.ASSISTANT, parts),
                stop,
                stop.name().toLowerCase(Locale.ROOT),
                usage,
                ref,
                null,
                null,
                Cost.FREE,
                null);
    }

    /** Token ids as llama.cpp will see them: a stand-in for BOS first, when the model adds one. */
    private static int[] withBos(int[] tokens, boolean bos) {
        if (!bos) return tokens;
        int[] out = new int[tokens.length + 1];
        out[0] = -1;
        System.arraycopy(tokens, 0, out, 1, tokens.length);
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int commonPrefix(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) i++;
        return i;
    }
}
