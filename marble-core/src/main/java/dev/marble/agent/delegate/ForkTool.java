package dev.marble.agent.delegate;

import dev.marble.agent.AgentResult;
import dev.marble.json.Json;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.model.ToolSpec;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * LLMProc's {@code fork}: copies of the calling run's conversation, each continued with one prompt,
 * run at once on virtual threads; the result lists each copy's answer in the order of the prompts,
 * as {@code [{"id": 0, "message": …}, {"id": 1, "error": …}]}. A copy sees everything its original
 * saw up to the fork, so the original can split work without explaining it again.
 *
 * <p>A copy cannot fork again (LLMProc lowers its children's access for the same reason): ten copies
 * of ten copies is a thousand parallel runs paid for by one call.
 */
public final class ForkTool implements DelegatingTool {

    public static final String NAME = "fork";
    public static final int MAX_PROMPTS = 10;

    /** What a copy is told in place of the fork call's result, so its conversation stays well formed. */
    static final String CHILD_NOTICE = "pid==0: you are a forked copy of this conversation. Do the task in the next"
            + " message; your final answer is returned to the original as this copy's result.";

    private final Delegate self;
    private final Delegation delegation;
    private final ToolSpec spec;

    /**
     * @param self the agent that offers the tool: its instructions, options, limits and tools are the
     *             copies' (its model too, unless the calling run has one, which then wins)
     */
    public ForkTool(Delegate self, Delegation delegation) {
        this.self = Objects.requireNonNull(self, "self");
        this.delegation = Objects.requireNonNull(delegation, "delegation");
        this.spec = new ToolSpec(
                NAME,
                "Fork this conversation into copies that work in parallel: each copy"
                        + " continues from here with one of the prompts, and their answers come back in order."
                        + " Use it to split independent subtasks. At most " + MAX_PROMPTS + " prompts.",
                schema());
    }

    private static ObjectNode schema() {
        ObjectNode schema = Json.object();
        schema.put("type", "object");
        ObjectNode prompts = schema.putObject("properties").putObject("prompts");
        prompts.put("type", "array")
                .put("minItems", 1)
                .put("maxItems", MAX_PROMPTS)
                .put("description", "One task per copy of the conversation.");
        prompts.putObject("items").put("type", "string");
        schema.putArray("required").add("prompts");
        schema.put("additionalProperties", false);
        return schema;
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) throws InterruptedException {
        if (context.forked()) {
            return ToolResult.error("not run: a forked copy cannot fork again; do this part of the work yourself");
        }
        List<String> prompts = new ArrayList<>();
        arguments.path("prompts").forEach(prompt -> prompts.add(prompt.asString()));
        if (prompts.isEmpty() || prompts.size() > MAX_PROMPTS) {
            return ToolResult.error("fork takes 1 to " + MAX_PROMPTS + " prompts, not " + prompts.size());
        }
        List<Message> conversation = context.conversation();
        if (conversation.isEmpty() || !conversation.getLast().hasToolCalls()) {
            return ToolResult.error("fork copies the conversation of the run that calls it, and this call has none");
        }
        Optional<String> refusal = delegation.refusal(context);
        if (refusal.isPresent()) return ToolResult.error(refusal.get());

        Delegate copy = onCallersModel(context.model());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<AgentResult>> children = new ArrayList<>();
            for (String prompt : prompts) {
                List<Message> history = new ArrayList<>(conversation);
                history.add(continuation(conversation.getLast(), context.toolCallId(), prompt));
                children.add(threads.submit(() -> delegation.run(copy, history, null, context, NAME, true)));
            }
            try {
                return ToolResult.ok(Json.write(results(children)));
            } catch (InterruptedException e) {
                // Stopped (time limit, Ctrl+C): stop the copies too, or closing the executor would wait for them.
                threads.shutdownNow();
                throw e;
            }
        }
    }

    /** The copies continue on the model the original is running on, whatever {@code self} names. */
    private Delegate onCallersModel(ModelRef callerModel) {
        if (callerModel == null || callerModel.equals(self.model())) return self;
        return new Delegate(
                self.name(),
                self.description(),
                callerModel,
                List.of(),
                self.instructions(),
                self.options(),
                self.limits(),
                self.tools());
    }

    /**
     * The message that follows the fork call in a copy: an answer to every call of that model message
     * (the fork's saying "you are the copy", any other's that it was not run there), then the prompt.
     */
    static Message continuation(Message callMessage, String forkCallId, String prompt) {
        List<Part> parts = new ArrayList<>();
        for (Part.ToolCall call : callMessage.toolCalls()) {
            parts.add(
                    call.id().equals(forkCallId)
                            ? new Part.ToolResult(call.id(), CHILD_NOTICE, false)
                            : new Part.ToolResult(call.id(), "not run in this forked copy", true));
        }
        parts.add(new Part.Text(prompt));
        return new Message(Role.USER, parts);
    }

    private static ArrayNode results(List<Future<AgentResult>> children) throws InterruptedException {
        ArrayNode out = Json.array();
        for (int i = 0; i < children.size(); i++) {
            ObjectNode entry = out.addObject();
            entry.put("id", i);
            try {
                AgentResult result = children.get(i).get();
                ToolResult answer = Delegation.asToolResult("fork " + i, result);
                entry.put(answer.isError() ? "error" : "message", answer.content());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                entry.put("error", cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
            }
        }
        return out;
    }
}
