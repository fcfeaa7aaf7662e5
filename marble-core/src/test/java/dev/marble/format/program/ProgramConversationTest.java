package dev.marble.format.program;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.model.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LLMProc's reset_state variants and runtime preload_files (SEEDS-SPEC 3.1), without a model. */
class ProgramConversationTest {

    @TempDir
    Path dir;

    private Program program;
    private String preloadBlock;

    @BeforeEach
    void load() throws IOException {
        Files.writeString(dir.resolve("facts.md"), "The flag is 7.");
        Files.writeString(dir.resolve("p.toml"), """
                [model]
                name = "m"
                provider = "openai"
                [prompt]
                system_prompt = "Original."
                [preload]
                files = ["facts.md"]
                """);
        program = ProgramLoader.load(dir.resolve("p.toml")).program();
        preloadBlock = "<preload>\n<file path=\"facts.md\">\nThe flag is 7.\n</file>\n</preload>";
    }

    private ProgramConversation talked() {
        return program.startConversation().append(Message.user("hi")).append(Message.assistant("hello"));
    }

    @Test
    void aRunsMessagesAccumulateAfterTheSystemPrompt() {
        assertThat(talked().messages()).hasSize(2);
        assertThat(talked().system()).contains("Original.\n\n" + preloadBlock);
    }

    @Test
    void resetKeepingBothLeavesTheSystemPromptWithItsPreload() {
        ProgramConversation reset = talked().reset();
        assertThat(reset.messages()).isEmpty();
        assertThat(reset.system()).contains("Original.\n\n" + preloadBlock);
        assertThat(reset.preloadedContent()).containsEntry(dir.resolve("facts.md"), "The flag is 7.");
    }

    @Test
    void resetDroppingPreloadsGoesBackToTheOriginalPromptForGood() {
        ProgramConversation reset = talked().reset(true, false);
        assertThat(reset.system()).contains("Original.");
        assertThat(reset.preloadedContent()).isEmpty();
        assertThat(reset.reset(true, true).system()).contains("Original.");
    }

    @Test
    void resetDroppingThePromptButKeepingPreloadsKeepsOnlyThePreloadedContent() {
        // LLMProc's code re-added the original prompt here; its documentation said "only preloaded content".
        assertThat(talked().reset(false, true).system()).contains(preloadBlock);
        assertThat(talked().reset(false, true).messages()).isEmpty();
    }

    @Test
    void resetDroppingBothLeavesNothing() {
        ProgramConversation reset = talked().reset(false, false);
        assertThat(reset.system()).isEmpty();
        assertThat(reset.messages()).isEmpty();
    }

    @Test
    void resetDroppingThePromptOfAProgramWithoutPreloadsLeavesNothing() throws IOException {
        Files.writeString(
                dir.resolve("plain.toml"),
                "[model]\nname = \"m\"\nprovider = \"openai\"\n[prompt]\nsystem_prompt = \"P\"\n");
        Program plain = ProgramLoader.load(dir.resolve("plain.toml")).program();
        assertThat(plain.startConversation().reset(false, true).system()).isEmpty();
    }

    @Test
    void eachRuntimePreloadAppendsItsOwnBlockAndKeepsTheOriginalPrompt() throws IOException {
        Path extra = dir.resolve("extra.txt");
        Files.writeString(extra, "more");
        Preload runtime = new Preload(List.of(new PreloadedFile(extra, "more")));

        ProgramConversation twice = talked().preload(runtime).preload(runtime);

        String extraBlock = "<preload>\n<file path=\"extra.txt\">\nmore\n</file>\n</preload>";
        assertThat(twice.system()).contains("Original.\n\n" + preloadBlock + "\n\n" + extraBlock + "\n\n" + extraBlock);
        assertThat(twice.systemPrompt()).isEqualTo("Original.");
        assertThat(twice.preloadedContent()).containsOnlyKeys(dir.resolve("facts.md"), extra);
        assertThat(twice.messages()).hasSize(2);
        assertThat(talked().preload(Preload.NONE)).isEqualTo(talked());
    }
}
