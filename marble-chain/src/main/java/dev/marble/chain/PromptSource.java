package dev.marble.chain;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a chain's {@code prompts} object. llmauto understood only {@code "type": "file"} and
 * plain strings; the {@code inline} and {@code template} objects its own chains and schema use fell
 * through and the key itself was sent to the model. Marble knows all of them and rejects any other type.
 */
public sealed interface PromptSource {

    /** A plain string value, or {@code {"type": "inline", "content": ...}}. */
    record Inline(String text) implements PromptSource {}

    /**
     * {@code {"type": "file", "path": ...}}: the path as written (after home normalisation); a
     * relative one is read from the project root when the prompt is resolved.
     */
    record FromFile(Path path) implements PromptSource {}

    /**
     * {@code {"type": "template", "template": "... {{name}} ..."}}: {@code variables} are the
     * object's other keys (and the entries of an optional {@code variables} object).
     */
    record Template(String template, Map<String, String> variables) implements PromptSource {
        public Template {
            variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        }
    }
}
