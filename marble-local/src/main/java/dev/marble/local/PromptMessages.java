package dev.marble.local;

import dev.marble.error.ModelException;
import dev.marble.json.Json;
import dev.marble.model.ChatRequest;
import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.model.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request as the plain role-and-content messages a GGUF chat template takes. Tool traffic is
 * written here, in the convention most tool-calling GGUF models learned (Hermes, Qwen): the tools in
 * the system prompt inside {@code <tools>}, calls as {@code <tool_call>} blocks in the assistant's
 * text, results as {@code <tool_response>} blocks in a user turn. llama.cpp's own handling of a
 * {@code tool} role rewrites results as JSON the model never saw, and its Java binding refuses the role.
 * Messages of one role in a row are merged, so strict templates that demand user and assistant in
 * turn (and abort the process otherwise) always get them.
 */
final class PromptMessages {

    private PromptMessages() {}

    /** The JSON that {@code LlamaModel.applyTemplate} takes. */
    static String templateInput(ChatRequest request, JsonNode answerSchema) {
        ObjectNode input = Json.object();
        ArrayNode messages = input.putArray("messages");
        String system = system(request, answerSchema);
        if (!system.isEmpty()) messages.addObject().put("role", "system").put("content", system);
        String role = null;
        StringBuilder content = new StringBuilder();
        for (Message message : request.messages()) {
            String next = message.role() == Role.ASSISTANT ? "assistant" : "user";
            String text = content(message);
            if (next.equals(role)) {
                if (!text.isEmpty())
                    content.append(content.isEmpty() ? "" : "\n\n").append(text);
                continue;
            }
            if (role != null) messages.addObject().put("role", role).put("content", content.toString());
            role = next;
            content.setLength(0);
            content.append(text);
        }
        messages.addObject().put("role", role).put("content", content.toString());
        if (!"user".equals(messages.get(system.isEmpty() ? 0 : 1).path("role").asString())) {
            throw new ModelException(
                    ModelException.Kind.BAD_REQUEST,
                    "the local provider needs a conversation that starts with a user message");
        }
        input.put("add_generation_prompt", true);
        return Json.write(input);
    }

    private static String system(ChatRequest request, JsonNode answerSchema) {
        List<String> sections = new ArrayList<>();
        if (request.system() != null && !request.system().isBlank())
            sections.add(request.system().strip());
        if (!request.tools().isEmpty()) sections.add(tools(request.tools()));
        if (answerSchema != null) {
            sections.add("Answer with one JSON value that follows this JSON schema, and nothing else:\n"
                    + Json.write(answerSchema));
        }
        return String.join("\n\n", sections);
    }

    /** The tool prompt of Qwen 2.5's template, which Hermes-style models also follow. */
    private static String tools(List<ToolSpec> tools) {
        StringBuilder out = new StringBuilder("""
                # Tools

                You may call one or more functions to assist with the user query.

                You are provided with function signatures within <tools></tools> XML tags:
                <tools>""");
        for (ToolSpec tool : tools) {
            ObjectNode entry = Json.object();
            entry.put("type", "function");
            ObjectNode function = entry.putObject("function");
            function.put("name", tool.name());
            function.put("description", tool.description());
            function.set("parameters", tool.inputSchema());
            out.append('\n').append(Json.write(entry));
        }
        out.append("""

                </tools>

                For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:
                <tool_call>
                {"name": <function-name>, "arguments": <args-json-object>}
                </tool_call>""");
        return out.toString();
    }

    private static String content(Message message) {
        List<String> pieces = new ArrayList<>();
        for (Part part : message.parts()) {
            switch (part) {
                case Part.Text text -> pieces.add(text.text());
                case Part.ToolCall call -> {
                    ObjectNode json = Json.object();
                    json.put("name", call.name());
                    json.set("arguments", call.arguments());
                    pieces.add(OutputGrammar.OPEN + "\n" + Json.write(json) + "\n" + OutputGrammar.CLOSE);
                }
                case Part.ToolResult result ->
                    pieces.add("<tool_response>\n" + (result.isError() ? "Error: " : "") + result.content()
                            + "\n</tool_response>");
                case Part.Reasoning reasoning -> {} // not sent back, as with Chat Completions
                case Part.ProviderBlock opaque -> {} // another provider's block
                case Part.Attachment attachment ->
                    throw new ModelException(
                            ModelException.Kind.BAD_REQUEST,
                            "the local provider takes text only; "
                                    + (attachment.name() == null ? "an attachment" : attachment.name()) + " ("
                                    + attachment.mediaType() + ") cannot be sent");
            }
        }
        return String.join("\n", pieces);
    }
}
