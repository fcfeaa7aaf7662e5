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
 * A hostile model calling LLMProc's read_file(file_path) and list_dir(directory_path) against a real workspace with
 * real links, through the approval gate as a run passes them: no read or listing outside the workspace by
 * {@code ..}, an absolute path or a link, and a rule denying Marble's read_file holds for LLMProc's however the path
 * is spelled, even under --approve-all. (Before these tools, a program's read_file was Marble's, and list_dir none.)
 */
class LlmProcToolsSecurityTest {

    private static final String SECRET = "OUTSIDE-SECRET";

    @TempDir
    Path temp;

    Path root;
    Path outside;

    private final Tool read = LlmProcTools.named("read_file").orElseThrow();
    private final Tool list = LlmProcTools.named("list_dir").orElseThrow();

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(temp.resolve("w"));
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        Files.writeString(root.resolve(".env"), "original\n");
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
        ApprovalGate.Verdict verdict = gate.check(tool, "builtin", call, "run-test", root, reason -> {});
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
        assertRefusedWithoutLeak(attempt(gate(), read, "file_path", path));
    }

    @Test
    void readFileCannotLeaveByAnAbsolutePath() throws Exception {
        assertRefusedWithoutLeak(
                attempt(gate(), read, "file_path", outside.resolve("secret.txt").toString()));
    }

    @Test
    void marblesOwnArgumentNameSmuggledBesideLlmProcsIsGuardedAlike() throws Exception {
        assertRefusedWithoutLeak(attempt(gate(), read, "file_path", "docs/ok.txt", "path", "docs/secret.txt"));
        assertThat(attempt(gate("read_file(.env)"), read, "file_path", "docs/x", "path", ".env")
                        .content())
                .startsWith("not run:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../outside", "docs/out", "self/docs/out"})
    void listDirCannotListOutsideTheWorkspace(String path) throws Exception {
        ToolResult result = attempt(gate(), list, "directory_path", path, "show_hidden", true, "detailed", true);
        assertRefusedWithoutLeak(result);
        assertThat(result.content()).doesNotContain("secret.txt  (file");
    }

    @Test
    void listDirShowsALinkOutButNothingBehindIt() throws Exception {
        ToolResult result = attempt(gate(), list, "directory_path", "docs", "detailed", true);
        assertThat(result.isError()).isFalse();
        assertThat(result.content())
                .contains("out  (link out of the workspace, not followed)")
                .contains("secret.txt  (link out of the workspace, not followed)")
                .doesNotContain(String.valueOf(SECRET.length()) + " bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {".env", "./.env", "self/.env", "docs/../.env"})
    void aReadRuleDeniedToMarblesReadFileHoldsForLlmProcsHoweverThePathIsSpelled(String path) throws Exception {
        ToolResult result = attempt(gate("read_file(.env)"), read, "file_path", path);

        assertThat(result.isError()).isTrue();
        assertThat(result.content()).startsWith("not run:").doesNotContain("original");
    }
}
