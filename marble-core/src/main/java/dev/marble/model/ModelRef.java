package dev.marble.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Names one model at one provider: {@code anthropic:claude-sonnet-4-6}, {@code ollama:qwen3:8b},
 * {@code scripted:replies.yaml}. The model part may itself contain colons, so only the first one
 * separates the two.
 *
 * @param settings where this one reference says its provider should serve it, which the provider reads before its
 *                 configuration entry and the environment: an LLMProc program's Google Cloud {@code project} and
 *                 {@code location}, say, so that two programs of one run reach two projects. Not part of the written
 *                 form ({@link #toString}), and never sent in a request body. Usually empty.
 */
public record ModelRef(String provider, String model, Map<String, String> settings) {

    public ModelRef {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        if (provider.isBlank()) throw new IllegalArgumentException("provider is blank");
        if (model.isBlank()) throw new IllegalArgumentException("model is blank");
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    public ModelRef(String provider, String model) {
        this(provider, model, Map.of());
    }

    /** Splits {@code provider:model}; returns null when the text has no provider part. */
    public static ModelRef parseQualified(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) return null;
        return new ModelRef(text.substring(0, colon), text.substring(colon + 1));
    }

    /** The same provider with the model a server says answered; this one when it names none. */
    public ModelRef withModel(String served) {
        return served == null || served.isBlank() || served.equals(model)
                ? this
                : new ModelRef(provider, served, settings);
    }

    /** One of {@link #settings}, when this reference gives it. */
    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key)).filter(value -> !value.isBlank());
    }

    @Override
    public String toString() {
        return provider + ":" + model;
    }
}
