package dev.marble.otel;

import java.util.Arrays;
import java.util.Map;

/**
 * Which version of the GenAI semantic conventions Marble emits, as {@code OTEL_SEMCONV_STABILITY_OPT_IN} asks. The
 * conventions' transition rule: an instrumentation keeps emitting by default the version it has been emitting, and
 * emits the latest experimental version, and not the old one, when the comma-separated list holds
 * {@code gen_ai_latest_experimental}. Marble was written against the GenAI conventions of semantic-conventions
 * v1.41.0 (the last release before they moved to their own repository), so that is its default; the latest is
 * what the semantic-conventions-genai repository has changed since, where it touches what Marble emits.
 */
enum Semconv {
    /** semantic-conventions v1.41.0: the default, unchanged since Marble first exported traces. */
    V1_41,
    /** The latest experimental GenAI conventions (semantic-conventions-genai), on request. */
    LATEST_EXPERIMENTAL;

    static final String VARIABLE = "OTEL_SEMCONV_STABILITY_OPT_IN";
    static final String OPT_IN = "gen_ai_latest_experimental";

    /** From the variable's comma-separated list (values of other categories, such as {@code http}, are left alone). */
    static Semconv from(Map<String, String> variables) {
        String value = variables.get(VARIABLE);
        if (value == null) return V1_41;
        boolean latest = Arrays.stream(value.split(",")).map(String::strip).anyMatch(OPT_IN::equals);
        return latest ? LATEST_EXPERIMENTAL : V1_41;
    }

    boolean latest() {
        return this == LATEST_EXPERIMENTAL;
    }
}
