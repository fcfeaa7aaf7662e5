package dev.marble.tool.builtin;

import static dev.marble.tool.TestContext.args;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.tool.TestContext;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolResult;
import dev.marble.tool.approval.ApprovalGate;
import dev.marble.tool.approval.ApprovalPolicy;
import dev.marble.tool.approval.ApprovalRule;
import dev.marble.tool.approval.Approver;
import dev.marble.tool.approval.Decision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hostile model calling llm-do's read_file and list_files (a worker's filesystem toolset) against a real
 * workspace with real links, through the approval gate as a run passes them: no read or listing outside the
 * workspace by {@code ..}, an absolute path or a link, and no read a rule denies to Marble's read_file however the
 * path is spelled, not even under --approve-all.
 */
class LlmDoFileSecurityTest {

    private static final String SECRET = "OUTSIDE-SECRET";

    @TempDir
    Path temp;

    Path root;
    Path outside;

    private final Tool read = tool("read_file");
    private final Tool list = tool("list_files");
    private final Tool write = tool("write_file");

    private static Tool tool(String name) {
        return BuiltinToolsets.llmDoFiles().tools().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(temp.resolve("w"));
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        Files.writeString(root.resolve(".env"), "original\n");
        Files.writeString(root.resolve("marble.json"), "{}\n");
        Files.createDirectories(root.resolve("docs"));
        Files.createSymbolicLink(root.resolve("self"), Path.of("."));
        Files.createSymbolicLink(root.resolve("docs/out"), outside);
        Files.createSymbolicLink(root.resolve("docs/secret.txt"), outside.resolve("secret.txt"));
    }

    private static ApprovalGate gate(String... denied) {
        List<ApprovalRule> rules = java.util.Arrays.stream(denied)
                .map(rule -> ApprovalRule.parse(Decision.DENY, rule, null))
                .toList();
        return new ApprovalGate(new ApprovalPolicy(rules, false), Approver.approveAll());
    }

    private ToolResult attempt(ApprovalGate gate, Tool tool, Object... arguments) throws Exception {
        var call = args(arguments);
        ApprovalGate.Verdict verdict = gate.check(tool, "filesystem", call, "run-test", root, reason -> {});
        if (!verdict.allowed()) return ToolResult.error("not run: " + verdict.reason());
        return tool.call(call, TestContext.in(root));
    }

    private static void assertRefusedWithoutLeak(ToolResult result) {
        assertThat(result.isError()).as(result.content()).isTrue();
        assertThat(result.content()).doesNotContain(SECRET);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../outside/secret.txt",
                "docs/../../outside/secret.txt",
                "docs/secret.txt",
                "docs/out/secret.txt",
                "self/docs/out/secret.txt"
            })
    void readFileCannotLeaveTheWorkspace(String path) throws Exception {
        assertRefusedWithoutLeak(attempt(gate(), read, "path", path));
        assertRefusedWithoutLeak(attempt(gate(), read, "path", path, "offset", 1, "max_chars", 5));
    }

    @Test
    void readFileCannotLeaveByAnAbsolutePath() throws Exception {
        assertRefusedWithoutLeak(
                attempt(gate(), read, "path", outside.resolve("secret.txt").toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../outside", "docs/out", "self/docs/out", "docs/.."})
    void listFilesCannotListOutsideTheWorkspace(String path) throws Exception {
        ToolResult result = attempt(gate(), list, "path", path);
        if (path.equals("docs/..")) {
            // That is the workspace itself: it lists, but never what the links out point to.
            assertThat(result.isError()).isFalse();
            assertThat(result.content())
                    .doesNotContain("secret.txt\",\"docs/out")
                    .doesNotContain("docs/out/");
        } else {
            assertRefusedWithoutLeak(result);
            assertThat(result.content()).doesNotContain("secret.txt\"");
        }
    }

    @Test
    void listFilesFollowsNoLinkOutWhateverThePattern() throws Exception {
        for (String pattern : List.of("**/*", "**", "docs/out/*", "../outside/*", "**/secret.txt")) {
            ToolResult result = attempt(gate(), list, "pattern", pattern);
            assertThat(result.isError()).as(pattern).isFalse();
            assertThat(result.content()).as(pattern).doesNotContain("docs/out/").doesNotContain("outside");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {".env", "./.env", "self/.env", "docs/../.env"})
    void aReadRuleDeniedToMarblesReadFileHoldsForLlmDosHoweverThePathIsSpelled(String path) throws Exception {
        ToolResult result = attempt(gate("read_file(.env)"), read, "path", path);

        assertThat(result.isError()).isTrue();
        assertThat(result.content()).startsWith("not run:").doesNotContain("original");
        ToolResult marbles = attempt(gate("read_file(.env)"), FileTools.readFile(), "path", path);
        assertThat(marbles.content()).as("Marble's read_file is refused alike").startsWith("not run:");
    }

    @Test
    void itsWriteFileCannotChangeAFileThatConfiguresMarbleEvenUnderApproveAll() throws Exception {
        ToolResult result = attempt(gate(), write, "path", "self/marble.json", "content", "{\"approvals\":{}}");

        assertThat(result.content()).startsWith("not run: protected: 'marble.json'");
        assertThat(Files.readString(root.resolve("marble.json"))).isEqualTo("{}\n");
    }
}
