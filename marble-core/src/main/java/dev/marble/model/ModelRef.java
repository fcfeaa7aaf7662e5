package dev.marble.model;

import java.util.Objects;

/**
 * Names one model at one provider: {@code anthropic:claude-sonnet-4-6}, {@code ollama:qwen3:8b},
 * {@code scripted:replies.yaml}. The model part may itself contain colons, so only the first one
 * separates the two.
 */
public record ModelRef(String provider, String model) {

    public ModelRef {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        if (provider.isBlank()) throw new IllegalArgumentException("provider is blank");
        if (model.isBlank()) throw new IllegalArgumentException("model is blank");
    }

    /** Splits {@code provider:model}; returns null when the text has no provider part. */
    public static ModelRef parseQualified(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) return null;
        return new ModelRef(text.substring(0, colon), text.substring(colon + 1));
    }

    /** The same provider with the model a server says answered; this one when it names none. */
    public ModelRef withModel(String served) {
        return served == null || served.isBlank() || served.equals(model) ? this : new ModelRef(provider, served);
    }

    @Override
    public String toString() {
        return provider + ":" + model;
    }
}
