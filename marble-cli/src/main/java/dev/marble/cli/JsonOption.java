package dev.marble.cli;

import picocli.CommandLine.Option;

/**
 * {@code --json}, mixed into every command that has it so that it means the same everywhere: JSON on standard
 * output (one document, or one event per line for a run), snake_case names, null for what is not set, nothing else
 * on standard output. docs/json.md describes every shape; docs/schemas/ holds their schemas.
 */
final class JsonOption {

    @Option(
            names = "--json",
            description = "Print JSON on standard output: one object, or one event per line for a run (docs/json.md).")
    boolean enabled;

    boolean enabled() {
        return enabled;
    }
}
