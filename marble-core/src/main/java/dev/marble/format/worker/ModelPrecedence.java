package dev.marble.format.worker;

import java.util.Map;
import java.util.Optional;

/**
 * Which model a worker runs on, as llm-do chose it, extended with Marble's own default. A pure
 * function of its inputs; the text chosen is then resolved (aliases, providers) by the caller.
 *
 * <p>The entry worker: {@code -m}, then the worker's {@code model}, then {@code LLM_DO_MODEL}, then
 * {@code MARBLE_MODEL}; with none of them Marble's default applies (the project's and the global
 * {@code default_model}, then what the machine offers). A nested worker: its own {@code model}, else
 * the entry's resolved model; {@code -m} does not reach it.
 */
public final class ModelPrecedence {

    /** A model named by one of the sources; {@link #MARBLE_DEFAULT} when none named one. */
    public record Choice(String model, String source) {}

    public static final String LLM_DO_MODEL = "LLM_DO_MODEL";
    public static final String MARBLE_MODEL = "MARBLE_MODEL";

    private ModelPrecedence() {}

    /**
     * @return empty when no source names a model: the caller then asks Marble's default chooser,
     *         which reads the configuration files and the machine
     */
    public static Optional<Choice> forEntry(String commandLine, String workerModel, Map<String, String> environment) {
        if (present(commandLine)) return Optional.of(new Choice(commandLine.strip(), "-m"));
        if (present(workerModel)) return Optional.of(new Choice(workerModel.strip(), "the worker's model"));
        for (String variable : new String[] {LLM_DO_MODEL, MARBLE_MODEL}) {
            String value = environment.get(variable);
            if (present(value)) return Optional.of(new Choice(value.strip(), variable));
        }
        return Optional.empty();
    }

    /** A worker called by another: its own model, else what the entry worker runs on. */
    public static Choice forNested(String workerModel, String entryModel) {
        if (present(workerModel)) return new Choice(workerModel.strip(), "the worker's model");
        return new Choice(entryModel, "the entry worker's model");
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
