package dev.marble.agent.delegate;

import dev.marble.json.Json;
import dev.marble.model.ToolSpec;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/** Small tools written for the tests. */
final class TestTools {

    private TestTools() {}

    /** A tool that writes nothing but counts its calls, and is asked about like a write. */
    static Tool asking(String name) {
        var schema = Json.object();
        schema.put("type", "object");
        schema.putObject("properties").putObject("path").put("type", "string");
        return new Counting(new ToolSpec(name, "test tool " + name, schema));
    }

    static int calls(Tool tool) {
        return ((Counting) tool).calls.get();
    }

    private record Counting(ToolSpec spec, AtomicInteger calls) implements Tool {
        Counting(ToolSpec spec) {
            this(spec, new AtomicInteger());
        }

        @Override
        public ToolResult call(JsonNode arguments, ToolContext context) {
            calls.incrementAndGet();
            return ToolResult.ok("written");
        }

        @Override
        public ApprovalDefault approvalDefault() {
            return ApprovalDefault.ASK;
        }
    }
}
