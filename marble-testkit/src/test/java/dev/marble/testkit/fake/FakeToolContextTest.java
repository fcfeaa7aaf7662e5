package dev.marble.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.json.Json;
import dev.marble.model.Cost;
import dev.marble.model.ToolSpec;
import dev.marble.model.Usage;
import dev.marble.process.Sandbox;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import dev.marble.tool.approval.ApprovalGate;
import dev.marble.tool.approval.Approver;
import dev.marble.tool.builtin.BuiltinToolsets;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class FakeToolContextTest {

    private static Tool builtin(String name) {
        return BuiltinToolsets.files().tools().stream()
                .filter(t -> t.spec().name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aBuiltInToolWorksInTheTemporaryWorkspaceAndNotOutsideIt() throws Exception {
        FakeToolContext context = FakeToolContext.inTempWorkspace();

        ToolResult written = context.call(builtin("write_file"), "path", "notes/a.txt", "content", "hello");
        ToolResult escaped = context.call(builtin("write_file"), "path", "../escape.txt", "content", "x");

        assertThat(written.isError()).isFalse();
        assertThat(context.workspace().resolve("notes/a.txt")).hasContent("hello");
        assertThat(escaped.isError()).isTrue();
        assertThat(context.workspace().resolveSibling("escape.txt")).doesNotExist();
        assertThat(context.environment().workingDirectory()).isEqualTo(context.workspace());
    }

    @Test
    void eachTestGetsAFreshEmptyWorkspace() throws Exception {
        Path one = FakeToolContext.inTempWorkspace().workspace();
        Path two = FakeToolContext.inTempWorkspace().workspace();

        assertThat(one).isNotEqualTo(two);
        try (var files = Files.list(two)) {
            assertThat(files).isEmpty();
        }
    }

    /** Reads a variable, reports progress and books what it spent: what a tool may ask of its context. */
    private static final Tool ECHO_VARIABLE = new Tool() {
        @Override
        public ToolSpec spec() {
            return new ToolSpec("echo_variable", "Echoes a variable", Json.parse("{\"type\":\"object\"}"));
        }

        @Override
        public ToolResult call(JsonNode arguments, ToolContext context) {
            context.progress("looking up " + arguments.path("name").asString());
            context.spent(new Usage(3, 2, 0, 0), new Cost(new BigDecimal("0.01"), Cost.Source.PRICING_TABLE));
            return ToolResult.ok(context.runId() + "/" + context.toolCallId() + ": "
                    + context.environment()
                            .get(arguments.path("name").asString())
                            .orElse("(unset)")
                    + " within " + context.remaining().toSeconds() + " s");
        }
    };

    @Test
    void recordsProgressAndSpendingAndCarriesWhatTheTestSet(@TempDir Path workspace) throws Exception {
        FakeToolContext context = FakeToolContext.in(workspace)
                .withVariable("GREETING", "hi")
                .withRunId("run-9")
                .withToolCallId("call-3")
                .withRemaining(Duration.ofSeconds(7));

        assertThat(context.call(ECHO_VARIABLE, "name", "GREETING").content()).isEqualTo("run-9/call-3: hi within 7 s");
        assertThat(context.progressReported()).containsExactly("looking up GREETING");
        assertThat(context.spending())
                .containsExactly(new FakeToolContext.Spending(
                        new Usage(3, 2, 0, 0), new Cost(new BigDecimal("0.01"), Cost.Source.PRICING_TABLE)));
        assertThat(context.workspace()).isEqualTo(workspace);
    }

    @Test
    void aChangedCopyLeavesTheOriginalAsItWas(@TempDir Path workspace) {
        FakeToolContext original = FakeToolContext.in(workspace);
        FakeToolContext hurried = original.withRemaining(Duration.ZERO).withVariable("X", "1");

        assertThat(original.remaining()).isEqualTo(Duration.ofMinutes(5));
        assertThat(original.environment().get("X")).isEmpty();
        assertThat(hurried.remaining()).isZero();
        assertThat(hurried.environment().get("X")).contains("1");
        assertThat(hurried.workspace()).isEqualTo(workspace);
    }

    @Test
    void approvalsAndSandboxAreThoseOfACallOutsideARunUntilTheTestSetsThem(@TempDir Path workspace) {
        FakeToolContext context = FakeToolContext.in(workspace);
        Approver refusing = Approver.refuseAll("no one is here");

        assertThat(context.approvals()).isNull();
        assertThat(context.sandbox()).isInstanceOf(Sandbox.None.class);
        ApprovalGate gate = context.withApprover(refusing).approvals();
        ApprovalGate.Verdict verdict = gate.check(
                builtin("write_file"),
                "files",
                FakeToolContext.arguments("path", "a", "content", "x"),
                "run-test",
                workspace,
                question -> {});
        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.decidedBy()).isEqualTo("headless");
        assertThat(context.withApprover(Approver.approveAll())
                        .approvals()
                        .check(
                                builtin("write_file"),
                                "files",
                                FakeToolContext.arguments("path", "a", "content", "x"),
                                "run-test",
                                workspace,
                                question -> {})
                        .allowed())
                .isTrue();
    }

    @Test
    void argumentsComeInPairs() {
        assertThat(FakeToolContext.arguments("path", "a.txt", "limit", 10))
                .isEqualTo(Json.parse("{\"path\": \"a.txt\", \"limit\": 10}"));
        assertThatThrownBy(() -> FakeToolContext.arguments("path")).hasMessageContaining("names and values alternate");
    }
}
