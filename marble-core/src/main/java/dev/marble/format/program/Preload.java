package dev.marble.format.program;

import java.util.List;

/**
 * Files rendered into the system prompt as one LLMProc {@code <preload>} block. Only the file name
 * is shown to the model, as in LLMProc; the full path stays here for people and for reloading.
 */
public record Preload(List<PreloadedFile> files) {

    public static final Preload NONE = new Preload(List.of());

    public Preload {
        files = List.copyOf(files);
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    /** The block exactly as LLMProc writes it; empty text when there are no files. */
    public String render() {
        if (files.isEmpty()) return "";
        StringBuilder block = new StringBuilder("<preload>\n");
        for (int i = 0; i < files.size(); i++) {
            PreloadedFile file = files.get(i);
            if (i > 0) block.append('\n');
            block.append("<file path=\"")
                    .append(file.path().getFileName())
                    .append("\">\n")
                    .append(file.content())
                    .append("\n</file>");
        }
        return block.append("\n</preload>").toString();
    }

    /** {@code prompt} followed, after a blank line, by this block; the prompt alone when empty. */
    public String appendTo(String prompt) {
        return files.isEmpty() ? prompt : prompt + "\n\n" + render();
    }
}
