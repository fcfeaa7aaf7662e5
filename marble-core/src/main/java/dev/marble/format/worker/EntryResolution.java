package dev.marble.format.worker;

import dev.marble.error.UsageException;
import java.util.Collection;
import java.util.List;

/** llm-do's {@code --entry NAME}: which of the loaded workers (and tools) a run starts with; {@code main} by default.
 * */
public final class EntryResolution {

    public static final String DEFAULT_ENTRY = "main";

    private EntryResolution() {}

    /**
     * @param requested the {@code --entry} value; null or blank for the default
     * @param available every name that can be an entry, in the order the files gave them
     */
    public static String resolve(String requested, Collection<String> available) {
        String name = requested == null || requested.isBlank() ? DEFAULT_ENTRY : requested.strip();
        if (available.contains(name)) return name;
        List<String> names = List.copyOf(available);
        String hint = requested == null || requested.isBlank() ? "; name a worker 'main' or pass --entry NAME" : "";
        throw new UsageException("entry '" + name + "' not found; available: "
                + (names.isEmpty() ? "none" : String.join(", ", names)) + hint);
    }
}
