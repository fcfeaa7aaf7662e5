package dev.marble.format.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.agent.AgentSpec;
import dev.marble.model.ModelRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** llm-do's own worker-file parsing tests (tests/runtime/test_worker_file.py), on real files. */
class WorkerFileTest {

    @TempDir
    Path temp;

    private WorkerDefinition load(String text) throws IOException {
        return WorkerFile.load(Files.writeString(temp.resolve("w.worker"), text));
    }

    @Test
    void basicWorkerFile() throws IOException {
        WorkerDefinition worker = load("""
                ---
                name: test_worker
                model: anthropic:claude-haiku-4-5
                ---
                These are the instructions.
                """);
        assertThat(worker.name()).isEqualTo("test_worker");
        assertThat(worker.model()).isEqualTo("anthropic:claude-haiku-4-5");
        assertThat(worker.instructions()).isEqualTo("These are the instructions.");
        assertThat(worker.description()).isNull();
        assertThat(worker.toolsets()).isEmpty();
        assertThat(worker.warnings()).isEmpty();
    }

    @Test
    void description() throws IOException {
        WorkerDefinition worker = load(
                "---\nname: my_worker\ndescription: A helpful worker\nmodel: openai:gpt-4o-mini\n---\nInstructions "
                        + "here.\n");
        assertThat(worker.description()).isEqualTo("A helpful worker");
        assertThat(worker.model()).isEqualTo("openai:gpt-4o-mini");
    }

    @Test
    void toolsetsWithSettingsAndEmptyOnes() throws IOException {
        WorkerDefinition worker = load("""
                ---
                name: main
                model: anthropic:claude-haiku-4-5
                toolsets:
                  shell:
                    rules:
                      - pattern: "ls"
                        approval_required: false
                    default:
                      approval_required: true
                  calc_tools: {}
                  my_tools:
                ---
                You are a helpful assistant.
                """);
        assertThat(worker.toolsets()).extracting(ToolsetRef::name).containsExactly("shell", "calc_tools", "my_tools");
        ToolsetRef.Shell shell = (ToolsetRef.Shell) worker.toolsets().getFirst();
        assertThat(shell.rules()).isEqualTo(new ShellRules(List.of(new ShellRules.Rule("ls", false)), true));
        assertThat(shell.where().line()).isEqualTo(5);
        assertThat(worker.toolsets().get(2))
                .isEqualTo(new ToolsetRef.Named(
                        "my_tools", Map.of(), worker.toolsets().get(2).where()));
    }

    @Test
    void unknownToolsetSettingWarnsWithSuggestion() throws IOException {
        WorkerDefinition worker = load("""
                ---
                name: main
                toolsets:
                  shell:
                    rules:
                      - pattern: "^ls"
                        allow: true
                  filesystem:
                    write_aproval: false
                ---
                x
                """);
        assertThat(worker.warnings())
                .extracting(Object::toString)
                .containsExactly(
                        temp.resolve("w.worker") + ":7:9: toolsets.shell.rules[0].allow: unknown key, ignored",
                        temp.resolve("w.worker")
                                + ":9:5: toolsets.filesystem.write_aproval: unknown key, ignored (did you mean "
                                + "\"write_approval\"?)");
        assertThat(((ToolsetRef.Filesystem) worker.toolsets().get(1)).writeApproval())
                .isTrue();
    }

    @Test
    void approvalConfigOfNamedToolset() throws IOException {
        WorkerDefinition worker = load("""
                ---
                name: main
                toolsets:
                  calc_tools:
                    _approval_config:
                      add: {pre_approved: true}
                      wipe: {pre_approved: false}
                  shell:
                    _approval_config:
                      shell: {pre_approved: true}
                ---
                x
                """);
        assertThat(((ToolsetRef.Named) worker.toolsets().getFirst()).preApproved())
                .containsExactlyInAnyOrderEntriesOf(Map.of("add", true, "wipe", false));
        assertThat(worker.warnings())
                .singleElement()
                .asString()
                .endsWith(":9:5: toolsets.shell._approval_config: ignored, as llm-do ignored it: the shell toolset is "
                        + "configured by rules and default");
    }

    @Test
    void multilineInstructionsKeepInnerBlankLinesAndLoseOuterOnes() throws IOException {
        WorkerDefinition worker = load(
                "---\r\nname: main\r\nmodel: test-model\r\n---\r\n\r\nLine 1.\r\n\r\nLine 2.\r\n\r\nLine 3.\r\n\r\n");
        assertThat(worker.instructions()).isEqualTo("Line 1.\n\nLine 2.\n\nLine 3.");
    }

    @Test
    void noModelAndEmptyValuesAreAbsent() throws IOException {
        WorkerDefinition worker = load("---\nname: test_worker\nmodel:\nserver_side_tools:\n---\nInstructions.\n");
        assertThat(worker.model()).isNull();
        assertThat(worker.serverSideTools()).isEmpty();
    }

    @Test
    void aClosingFenceAtTheEndOfTheFileNeedsNoNewline() throws IOException {
        WorkerDefinition worker = load("---\nname: bare\n---");
        assertThat(worker.name()).isEqualTo("bare");
        assertThat(worker.instructions()).isEmpty();
    }

    @Test
    void serverSideTools() throws IOException {
        WorkerDefinition worker = load("""
                ---
                name: searcher
                server_side_tools:
                  - tool_type: web_search
                    max_uses: 3
                    allowed_domains:
                      - wikipedia.org
                      - docs.python.org
                  - tool_type: code_execution
                  - tool_type: image_generation
                ---
                Use web search.
                """);
        assertThat(worker.serverSideTools())
                .containsExactly(
                        new ServerSideTool("web_search", 3, List.of("wikipedia.org", "docs.python.org"), null),
                        new ServerSideTool("code_execution", null, null, null),
                        new ServerSideTool("image_generation", null, null, null));
    }

    @Test
    void becomesAnAgentSpecWithoutCompletionMarker() throws IOException {
        WorkerDefinition worker = load("---\nname: main\n---\n" + "x".repeat(250) + "\n");
        AgentSpec spec = worker.toAgentSpec(new ModelRef("scripted", "replies.yaml"));
        assertThat(spec.name()).isEqualTo("main");
        assertThat(spec.instructions()).hasSize(250);
        assertThat(spec.model()).isEqualTo(new ModelRef("scripted", "replies.yaml"));
        assertThat(spec.limits().completionMarker()).isNull();
        assertThat(worker.toolDescription()).isEqualTo("x".repeat(200) + "...");
    }

    @Test
    void theShippedExampleLoads() {
        Path example = Path.of("src/test/resources/dev/marble/format/worker/main.worker");
        WorkerDefinition worker = WorkerFile.load(example);
        assertThat(worker.name()).isEqualTo("main");
        assertThat(worker.warnings()).isEmpty();
        assertThat(worker.toolsets()).extracting(ToolsetRef::name).containsExactly("shell", "filesystem", "summarizer");
    }
}
