package dev.marble.tool.builtin;

import static dev.marble.tool.TestContext.args;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.tool.TestContext;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolResult;
import dev.marble.tool.Toolset;
import dev.marble.tool.approval.ApprovalGate;
import dev.marble.tool.approval.ApprovalPolicy;
import dev.marble.tool.approval.ApprovalRule;
import dev.marble.tool.approval.Approver;
import dev.marble.tool.approval.Decision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * llm-loop's names for the built-in tools ({@link LlmLoopNames}) are a way in for a model that follows injected
 * instructions: each must be refused whatever the tool it stands for is refused, even with --approve-all.
 */
class LlmLoopNamesSecurityTest {

    @TempDir
    Path root;

    private final List<Tool> tools =
            LlmLoopNames.toolsets().stream().flatMap(t -> t.tools().stream()).toList();

    @Test
    void writeFileByFilePathCannotChangeMarbleJson() throws Exception {
        Files.writeString(root.resolve("marble.json"), "{}");
        ToolResult result = attempt(
                approveAll(),
                "write_file",
                "file_path",
                "marble.json",
                "content",
                "{\"approvals\":{\"allow\":[\"*\"]}}");
        assertThat(result.isError()).isTrue();
        assertThat(result.content()).contains("protected: 'marble.json'");
        assertThat(Files.readString(root.resolve("marble.json"))).isEqualTo("{}");
    }

    @Test
    void theGateAndTheToolSeeTheSamePathWhenBothNamesAreGiven() throws Exception {
        Files.writeString(root.resolve("marble.json"), "{}");
        // The gate must not judge one path while the tool writes the other.
        ToolResult result = attempt(
                approveAll("allow write_file(notes.txt)"),
                "write_file",
                "path",
                "marble.json",
                "file_path",
                "notes.txt",
                "content",
                "x");
        assertThat(result.content()).contains("protected: 'marble.json'");
        assertThat(root.resolve("notes.txt")).doesNotExist();
        assertThat(Files.readString(root.resolve("marble.json"))).isEqualTo("{}");
    }

    @Test
    void runShellCommandIsJudgedByRunCommandsRules() throws Exception {
        Files.writeString(root.resolve("keep.txt"), "kept");
        ToolResult denied =
                attempt(approveAll("deny run_command(rm *)"), "run_shell_command", "command", "rm keep.txt");
        assertThat(denied.content()).contains("denied by rule 'run_command(rm *)'");
        assertThat(root.resolve("keep.txt")).exists();

        ToolResult blocked = attempt(approveAll(), "run_shell_command", "command", "sudo rm keep.txt");
        assertThat(blocked.content()).contains("blocked:").contains("another user");
        assertThat(root.resolve("keep.txt")).exists();

        ToolResult asked = attempt(gate(Approver.refuseAll("nobody is asked")), "run_shell_command", "command", "ls");
        assertThat(asked.content()).contains("nobody is asked");
    }

    @Test
    void fileExistsIsJudgedAsReadFile() throws Exception {
        Files.createDirectories(root.resolve("secrets"));
        Files.writeString(root.resolve("secrets/key"), "k");
        ToolResult denied = attempt(approveAll("deny read_file(secrets/*)"), "file_exists", "file_path", "secrets/key");
        assertThat(denied.content()).contains("denied by rule 'read_file(secrets/*)'");
        ToolResult allowed = attempt(approveAll(), "file_exists", "path", "secrets/key");
        assertThat(allowed.content()).isEqualTo("'secrets/key' is a file of 1 bytes.");
    }

    @Test
    void theAliasesStayInTheWorkspace() throws Exception {
        Path outside = root.resolveSibling(root.getFileName() + "-outside.txt");
        ToolResult write =
                attempt(approveAll(), "write_file", "file_path", "../" + outside.getFileName(), "content", "x");
        assertThat(write.isError()).isTrue();
        assertThat(outside).doesNotExist();
        ToolResult exists = attempt(approveAll(), "file_exists", "file_path", "/etc/passwd");
        assertThat(exists.isError()).isTrue();
    }

    @Test
    void theLlmLoopNamesAreAllThere() {
        assertThat(tools)
                .extracting(Tool::name)
                .contains(
                        "read_file",
                        "write_file",
                        "list_directory",
                        "run_shell_command",
                        "file_exists",
                        "current_working_directory");
        assertThat(LlmLoopNames.toolsets())
                .extracting(Toolset::name)
                .containsExactly("files", "shell", "llm-loop names");
    }

    // --- the gate as a run passes it ---------------------------------------------------------------------------

    private static ApprovalGate gate(Approver approver, String... rules) {
        List<ApprovalRule> parsed = new ArrayList<>();
        for (String rule : rules) {
            int space = rule.indexOf(' ');
            parsed.add(ApprovalRule.parse(
                    Decision.valueOf(rule.substring(0, space).toUpperCase(java.util.Locale.ROOT)),
                    rule.substring(space + 1),
                    null));
        }
        return new ApprovalGate(new ApprovalPolicy(parsed, false), approver);
    }

    private static ApprovalGate approveAll(String... rules) {
        return gate(Approver.approveAll(), rules);
    }

    /** Asks the gate, then runs the call if it may: what the model sees. */
    private ToolResult attempt(ApprovalGate gate, String name, Object... arguments) throws Exception {
        Tool tool =
                tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        var call = args(arguments);
        ApprovalGate.Verdict verdict = gate.check(tool, "test", call, "run-test", root, reason -> {});
        if (!verdict.allowed()) return ToolResult.error("not run: " + verdict.reason());
        return tool.call(call, TestContext.in(root));
    }
}
