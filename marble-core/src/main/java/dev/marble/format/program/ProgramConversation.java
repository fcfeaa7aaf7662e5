package dev.marble.format.program;

import dev.marble.model.Message;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A program's conversation as LLMProc kept it, as a value: the system prompt, the preload blocks
 * added to it (the program's own, then one per runtime {@link #preload}), and the messages. Every
 * change returns a new conversation, so {@code reset} can be tested without a model.
 *
 * @param systemPrompt   the program's system prompt without preloads
 * @param preloads       the blocks appended to it, in order; each renders as its own {@code <preload>}
 * @param promptIncluded whether the conversation still has the program's system prompt
 * @param messages       user and assistant messages; the system prompt travels apart, as in Marble
 */
public record ProgramConversation(
        String systemPrompt, List<Preload> preloads, boolean promptIncluded, List<Message> messages) {

    public ProgramConversation {
        preloads = List.copyOf(preloads);
        messages = List.copyOf(messages);
    }

    static ProgramConversation start(Program program) {
        List<Preload> blocks = program.preload().isEmpty() ? List.of() : List.of(program.preload());
        return new ProgramConversation(program.systemPrompt(), blocks, true, List.of());
    }

    /**
     * What the model gets as system instructions; empty when a reset dropped both prompt and preloads.
     * After {@code reset(false, true)} it is the preload blocks alone.
     */
    public Optional<String> system() {
        String text = promptIncluded ? systemPrompt : "";
        for (Preload block : preloads) {
            text = text.isEmpty() ? block.render() : block.appendTo(text);
        }
        return promptIncluded || !preloads.isEmpty() ? Optional.of(text) : Optional.empty();
    }

    /** Every preloaded file's content by path, the later block winning, as LLMProc's {@code preloaded_content}. */
    public Map<Path, String> preloadedContent() {
        Map<Path, String> content = new LinkedHashMap<>();
        preloads.forEach(block -> block.files().forEach(f -> content.put(f.path(), f.content())));
        return content;
    }

    public ProgramConversation append(Message message) {
        List<Message> more = new ArrayList<>(messages);
        more.add(message);
        return new ProgramConversation(systemPrompt, preloads, promptIncluded, more);
    }

    /** LLMProc's runtime {@code preload_files}: another block after the current ones; no files, no block. */
    public ProgramConversation preload(Preload files) {
        if (files.isEmpty()) return this;
        List<Preload> more = new ArrayList<>(preloads);
        more.add(files);
        return new ProgramConversation(systemPrompt, more, promptIncluded, messages);
    }

    /**
     * LLMProc's {@code reset_state}: the messages go; the system prompt and the preloaded files stay
     * as the flags say. Unlike LLMProc's code, {@code keepSystemPrompt=false, keepPreloaded=true}
     * keeps only the preloaded content, as its documentation promised.
     */
    public ProgramConversation reset(boolean keepSystemPrompt, boolean keepPreloaded) {
        return new ProgramConversation(systemPrompt, keepPreloaded ? preloads : List.of(), keepSystemPrompt, List.of());
    }

    /** {@code reset_state()} with its defaults: keep the system prompt and the preloaded files. */
    public ProgramConversation reset() {
        return reset(true, true);
    }
}
