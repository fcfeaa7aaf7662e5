package dev.marble.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The prompts the wizard offers as templates, in llmauto's order: {@code prompts/*.txt} by name, then
 * {@code prompts/templates/*.txt} by name, the latter including the templates this wizard has planned to save
 * (llmauto saved them at once, so a later link was offered them; answer files written for it expect that).
 */
final class SavedPrompts {

    /** One template: its name as shown, the key it gives a prompt (the file's stem), and its text when chosen. */
    record Saved(String shown, String key, Path file, String plannedText) {

        /** The template's text; a reason when the file cannot be read as text. */
        String text() throws WizardInput.Invalid {
            if (plannedText != null) return plannedText;
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new WizardInput.Invalid("cannot read " + file + " as UTF-8 text ("
                        + e.getClass().getSimpleName() + "); choose another");
            }
        }
    }

    private SavedPrompts() {}

    static List<Saved> list(DraftPrompts draft) {
        List<Saved> saved = new ArrayList<>();
        for (Path file : textFiles(draft.promptsDirectory())) saved.add(new Saved(stem(file), stem(file), file, null));
        Map<String, Saved> templates = new TreeMap<>();
        for (Path file : textFiles(draft.templatesDirectory())) {
            templates.put(
                    file.getFileName().toString(),
                    new Saved(DraftPrompts.TEMPLATES + "/" + stem(file), stem(file), file, null));
        }
        for (DraftPrompts.Template planned : draft.templates()) {
            Path file = planned.file();
            templates.put(
                    file.getFileName().toString(),
                    new Saved(DraftPrompts.TEMPLATES + "/" + stem(file), stem(file), file, planned.text()));
        }
        saved.addAll(templates.values());
        return saved;
    }

    private static List<Path> textFiles(Path directory) {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(directory)) return files;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.txt")) {
            for (Path file : stream) {
                if (Files.isRegularFile(file)) files.add(file);
            }
        } catch (IOException e) {
            return files; // an unreadable folder offers no templates; the person types a prompt instead
        }
        files.sort(Comparator.comparing(file -> file.getFileName().toString()));
        return files;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".txt".length());
    }
}
