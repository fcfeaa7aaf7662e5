package dev.marble.format.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import dev.marble.model.ToolSpec;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import dev.marble.tool.approval.ApprovalPolicy;
import dev.marble.tool.approval.Decision;
import dev.marble.tool.builtin.BuiltinToolsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A worker file's approval settings, decided by Marble's real policy on Marble's real tools. */
class WorkerApprovalsTest {

    @TempDir
    Path temp;

    private ApprovalPolicy policy(String toolsets) throws IOException {
        Path file =
                Files.writeString(temp.resolve("main.worker"), "---\nname: main\ntoolsets:\n" + toolsets + "---\nx\n");
        return new ApprovalPolicy(WorkerFile.load(file).approvals().rules(), false);
    }

    private Decision decide(ApprovalPolicy policy, Tool tool, String path) {
        JsonNode args = Json.parse(Json.write(Json.object().put("path", path).put("command", path)));
        return policy.decide(tool, args, temp).decision();
    }

    private static Tool file(String name) {
        return BuiltinToolsets.llmDoFiles().tools().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void filesystemDefaultsAreMarblesDefaults() throws IOException {
        ApprovalPolicy policy = policy("  filesystem:\n");
        assertThat(decide(policy, file("read_file"), "a.txt")).isEqualTo(Decision.ALLOW);
        assertThat(decide(policy, file("write_file"), "a.txt")).isEqualTo(Decision.ASK);
    }

    @Test
    void readApprovalAsksForEveryRead() throws IOException {
        ApprovalPolicy policy = policy("  filesystem: {read_approval: true}\n");
        for (String read : ApprovalMapping.READ_TOOLS)
            assertThat(decide(policy, file(read), "a.txt")).as(read).isEqualTo(Decision.ASK);
    }

    @Test
    void writeApprovalOffLetsWritesRunButNotDeletion() throws IOException {
        ApprovalPolicy policy = policy("  filesystem: {write_approval: false}\n");
        for (String write : ApprovalMapping.WRITE_TOOLS)
            assertThat(decide(policy, file(write), "a.txt")).as(write).isEqualTo(Decision.ALLOW);
        assertThat(decide(policy, file("delete_path"), "a.txt")).isEqualTo(Decision.ASK);
    }

    @Test
    void preApprovedToolsOfOtherToolsetsRunAndTheRestAsk() throws IOException {
        ApprovalPolicy policy = policy("""
                  calc:
                    _approval_config:
                      add: {pre_approved: true}
                      wipe: {pre_approved: false}
                """);
        assertThat(decide(policy, tool("add", ApprovalDefault.ASK), "")).isEqualTo(Decision.ALLOW);
        assertThat(decide(policy, tool("wipe", ApprovalDefault.ALLOW), "")).isEqualTo(Decision.ASK);
        assertThat(decide(policy, tool("other", ApprovalDefault.ASK), "")).isEqualTo(Decision.ASK);
        assertThat(decide(policy, tool("addition", ApprovalDefault.ASK), ""))
                .as("names match exactly")
                .isEqualTo(Decision.ASK);
    }

    @Test
    void theShellSectionOfAFileReachesRunCommand() throws IOException {
        ApprovalPolicy policy = policy("""
                  shell:
                    rules:
                      - {pattern: "git status", approval_required: false}
                    default: {approval_required: true}
                """);
        Tool runCommand = BuiltinToolsets.shell().tools().getFirst();
        assertThat(decide(policy, runCommand, "git status --short")).isEqualTo(Decision.ALLOW);
        assertThat(decide(policy, runCommand, "git push")).isEqualTo(Decision.ASK);
        assertThat(decide(policy, runCommand, "git status; rm -rf x")).isEqualTo(Decision.BLOCK);
        assertThat(decide(policy, runCommand, "git status\ntouch x"))
                .as("a newline is an operator too")
                .isEqualTo(Decision.BLOCK);
    }

    private static Tool tool(String name, ApprovalDefault approval) {
        ToolSpec spec = new ToolSpec(name, "", Json.parse("{\"type\":\"object\"}"));
        return new Tool() {
            public ToolSpec spec() {
                return spec;
            }

            public ToolResult call(JsonNode arguments, ToolContext context) {
                return ToolResult.ok("");
            }

            public ApprovalDefault approvalDefault() {
                return approval;
            }
        };
    }
}
