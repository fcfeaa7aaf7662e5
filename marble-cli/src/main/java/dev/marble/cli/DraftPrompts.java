package dev.marble.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The prompt files a new chain will reference and the templates it will save, planned before anything is written
 * (llmauto wrote them while asking, so an aborted wizard left files behind). Each prompt gets a key and the file
 * {@code prompts/<key>.txt}; a file already there is used when it holds the same text. Where llmauto then silently
 * referenced an existing file with other text (the prompt just typed was lost), the prompt here gets the next free
 * key, {@code <key>-2}, {@code <key>-3}, ….
 */
final class DraftPrompts {

    /** A prompt of the chain: its key, the path the chain file names, the text; {@code write} when the file is new. */
    record Entry(String key, String path, String text, boolean write) {}

    /** A prompt to be saved as a template in {@code prompts/templates/}. */
    record Template(Path file, String text) {}

    static final String PROMPTS = "prompts";
    static final String TEMPLATES = "templates";

    private final Path home;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<Path, Template> templates = new LinkedHashMap<>();

    DraftPrompts(Path home) {
        this.home = home;
    }

    Path promptsDirectory() {
        return home.resolve(PROMPTS);
    }

    Path templatesDirectory() {
        return promptsDirectory().resolve(TEMPLATES);
    }

    /** Adds a prompt under {@code wanted} or, when that key holds other text, the next free one; returns the key. */
    String add(String wanted, String text) {
        for (int n = 1; ; n++) {
            String key = n == 1 ? wanted : wanted + "-" + n;
            Entry planned = entries.get(key);
            if (planned != null) {
                if (sameText(planned.text(), text)) return key;
                continue;
            }
            Path file = promptsDirectory().resolve(key + ".txt");
            Optional<String> existing = read(file);
            if (existing.isPresent() && !sameText(existing.get(), text)) continue;
            if (existing.isEmpty() && Files.exists(file)) continue; // a folder or an unreadable file: not ours to use
            entries.put(key, new Entry(key, PROMPTS + "/" + key + ".txt", text, existing.isEmpty()));
            return key;
        }
    }

    /**
     * Plans saving {@code text} as a template named as llmauto named them (spaces to _, lower case). A template of
     * that name with other text is kept, not replaced: the answer is a note for the person, empty when all is well.
     */
    Optional<String> saveAsTemplate(String name, String text) {
        Path file = templatesDirectory().resolve(name.replace(' ', '_').toLowerCase(Locale.ROOT) + ".txt");
        Template planned = templates.get(file);
        Optional<String> existing = planned != null ? Optional.of(planned.text()) : read(file);
        if (existing.isEmpty() && !Files.exists(file)) {
            templates.put(file, new Template(file, text));
            return Optional.empty();
        }
        if (existing.isPresent() && sameText(existing.get(), text)) return Optional.empty();
        return Optional.of(home.relativize(file) + " already exists with other text; it is kept, not replaced");
    }

    List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** Templates planned but not yet written: the wizard offers them, as llmauto offered the ones it had saved. */
    List<Template> templates() {
        return new ArrayList<>(templates.values());
    }

    /** Trailing newlines aside (llmauto wrote prompts without one, Marble with one), the same prompt. */
    private static boolean sameText(String a, String b) {
        return a.stripTrailing().equals(b.stripTrailing());
    }

    private static Optional<String> read(Path file) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty(); // gone, or not UTF-8 text: either way not a file this prompt can reuse
        }
    }
}
