package dev.marble.cli;

import java.util.Locale;

/** The providers {@code marble oauth} can log in to; llm-do-oauth knew only Anthropic. */
enum OAuthProvider {
    ANTHROPIC;

    /** The name on the command line, in the token file and in the JSON output. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
