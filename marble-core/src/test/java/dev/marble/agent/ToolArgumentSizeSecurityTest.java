package dev.marble.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.config.Environment;
import dev.marble.json.Json;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.Part;
import dev.marble.process.Sandbox;
import dev.marble.provider.ChatModel;
import dev.marble.provider.scripted.ScriptFile;
import dev.marble.provider.scripted.ScriptedChatModel;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.ToolResult;
import dev.marble.tool.approval.ApprovalGate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A model can write tool arguments of any size; beyond 1 MiB of JSON they are answered with an error the model sees,
 * and the tool never receives them (a write_file of hundreds of megabytes, a command line that long).
 */
class ToolArgumentSizeSecurityTest {

    @TempDir
    Path temp;

    private RunFixture fixture;
    private final AtomicInteger runs = new AtomicInteger();

    @BeforeEach
    void setUp() {
        fixture = new RunFixture(temp);
    }

    /** A replay (JSON, which reads fast at this size) whose first answer calls save_note with {@code chars} of text. */
    private ChatModel noteOf(int chars) throws IOException {
        ArrayNode replies = Json.array();
        ObjectNode call = replies.addObject().putArray("tool_calls").addObject();
        call.put("name", "save_note");
        call.putObject("arguments").put("path", "a".repeat(chars));
        replies.addObject().put("text", "done");
        Path file = Files.writeString(temp.resolve("replies.json"), Json.write(replies));
        return new ScriptedChatModel(new ModelRef("scripted", "big"), ScriptFile.load(file));
    }

    private AgentResult run(ChatModel model) {
        var tool = RunFixture.tool(
                "save_note",
                ApprovalDefault.ALLOW,
                (args, ctx) -> {
                    runs.incrementAndGet();
                    return ToolResult.ok("saved");
                },
                "path");
        return fixture.run(
                model, RunLimits.DEFAULTS, ApprovalGate.allowingEverything(), RunControl.HEADLESS, List.of(tool));
    }

    private static Part.ToolResult firstResult(AgentResult result) {
        return result.conversation().stream()
                .map(Message::parts)
                .flatMap(List::stream)
                .filter(Part.ToolResult.class::isInstance)
                .map(Part.ToolResult.class::cast)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void argumentsBeyondTheLimitAreAnErrorTheModelSeesAndTheToolNeverRuns() throws IOException {
        AgentResult result = run(noteOf(2 * 1024 * 1024));

        assertThat(runs).hasValue(0);
        Part.ToolResult answer = firstResult(result);
        assertThat(answer.isError()).isTrue();
        assertThat(answer.content())
                .isEqualTo("not run: the arguments are larger than the 1 MiB of JSON a tool call may"
                        + " have; send smaller arguments (split large content over several calls)");
        assertThat(result.ending()).isEqualTo(RunEnding.ANSWERED);
    }

    @Test
    void argumentsWithinTheLimitRunAsBefore() throws IOException {
        AgentResult result = run(noteOf(900 * 1024));

        assertThat(runs).hasValue(1);
        assertThat(firstResult(result).content()).isEqualTo("saved");
    }

    @Test
    void argumentsThatAreNotJsonAreQuotedBackOnlyInPart() {
        var tool = RunFixture.tool("save_note", ApprovalDefault.ALLOW, (args, ctx) -> ToolResult.ok("saved"), "path");
        ObjectNode broken = Json.object().put("_unparsed_arguments", "{\"path\": " + "x".repeat(100_000));
        ToolInvoker invoker = new ToolInvoker(
                ToolRegistry.of(List.of(RunFixture.toolset("t", List.of(tool)))),
                ApprovalGate.allowingEverything(),
                new ToolInvoker.Workplace(
                        temp, new Environment(Map.of(), temp, temp), () -> new Sandbox.None("a test")),
                fixture.services());

        var outcome = invoker.invokeAll(
                List.of(new Part.ToolCall("c1", "save_note", broken)), "run-1", RunLimits.DEFAULTS, null);

        String content = ((Part.ToolResult) outcome.results().getFirst()).content();
        assertThat(content)
                .startsWith("the arguments were not valid JSON: {\"path\": xxx")
                .endsWith("(100009 characters)");
        assertThat(content.length()).isLessThan(1_000);
    }
}
