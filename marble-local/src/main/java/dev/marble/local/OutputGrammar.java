package dev.marble.local;

import dev.marble.json.Json;
import dev.marble.model.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The grammar one call's output must follow. With tools on offer: either prose, or optional prose and
 * then one or more {@code <tool_call>{"name": …, "arguments": {…}}</tool_call>} blocks whose name is one of
 * the offered tools and whose arguments follow that tool's schema. Prose cannot contain the
 * {@code <tool_call>} tag, so a call is never hidden inside text. With a JSON schema for the answer
 * (structured output), the answer is JSON that follows it. Either way, generation ends at the model's
 * end-of-turn token, which llama.cpp allows only where the grammar is complete.
 */
final class OutputGrammar {

    static final String OPEN = "<tool_call>";
    static final String CLOSE = "</tool_call>";

    private OutputGrammar() {}

    /** No constraint at all: plain text (null: no grammar is sent). */
    static String of(List<ToolSpec> tools, JsonNode answerSchema) {
        if (tools.isEmpty() && answerSchema == null) return null;
        SchemaGrammar grammar = new SchemaGrammar();
        String answer = answerSchema == null ? prose(grammar) : grammar.add("answer", answerSchema);
        if (tools.isEmpty()) {
            grammar.rule("root", answer);
            return grammar.grammar();
        }
        List<String> calls = new ArrayList<>();
        for (ToolSpec tool : tools) {
            String arguments = grammar.add("args-" + tool.name(), tool.inputSchema());
            String body = "\"{\" space " + SchemaGrammar.literal("\"name\"") + " space \":\" space "
                    + SchemaGrammar.literal(jsonString(tool.name())) + " space \",\" space "
                    + SchemaGrammar.literal("\"arguments\"") + " space \":\" space " + arguments + " \"}\" space";
            String rule = "call-" + calls.size();
            grammar.rule(rule, body);
            calls.add(rule);
        }
        grammar.rule("call", String.join(" | ", calls));
        grammar.rule(
                "tool-call", SchemaGrammar.literal(OPEN) + " \"\\n\"? call \"\\n\"? " + SchemaGrammar.literal(CLOSE));
        grammar.rule("tool-calls", "tool-call (\"\\n\"? tool-call)*");
        grammar.rule("root", answerSchema == null ? "prose | prose? tool-calls" : answer + " | tool-calls");
        return grammar.grammar();
    }

    /**
     * Text that never contains {@code <tool_call>}: a {@code <} is followed by anything but the rest of
     * the tag. (Text cannot end in a bare prefix of the tag, a price worth paying.)
     */
    private static String prose(SchemaGrammar grammar) {
        String tail = "[^" + escapeClass(OPEN.charAt(OPEN.length() - 1)) + "]";
        for (int i = OPEN.length() - 2; i >= 1; i--) {
            char c = OPEN.charAt(i);
            tail = "[^" + escapeClass(c) + "] | " + SchemaGrammar.literal(String.valueOf(c)) + " (" + tail + ")";
        }
        grammar.rule("prose-char", "[^<] | \"<\" (" + tail + ")");
        grammar.rule("prose", "prose-char+");
        return "prose";
    }

    private static String escapeClass(char c) {
        return c == ']' || c == '\\' || c == '^' || c == '-' ? "\\" + c : String.valueOf(c);
    }

    private static String jsonString(String text) {
        return Json.write(JsonNodeFactory.instance.stringNode(text));
    }
}
