package dev.marble.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit statuses of the marble command: the one place that defines them. Every command returns one of these
 * (through {@link ExitCodes}), the help's "Exit codes" section and the table in docs/cli.md are generated from
 * this list, and scripts depend on the numbers, so a number never changes meaning.
 */
public enum ExitCode {
    OK(0, "The command did what it was asked."),
    MODEL_FAILED(1, "The model failed: every attempt at every model (the message names each)."),
    USAGE(2, "Usage error: an unknown command, option, name or provider; a missing file; a blank prompt."),
    MALFORMED(
            3,
            "A definition or configuration file is malformed (chain, program, worker, marble.json,"
                    + " replay), or an MCP server it names cannot start."),
    NO_MODEL(
            4,
            "No model can be reached: none named and none found, or its API key (the message names"
                    + " the variable to set), program or model file is missing."),
    NO_JDK(5, "The launcher found no JDK 21 or newer, or could not build Marble."),
    LIMIT(6, "A limit ended the run: turns, tokens, dollars or time."),
    CHAIN_RUNNING(7, "The chain is already running (the message names its process)."),
    ENGINE_UNAVAILABLE(
            8,
            "The Temporal server cannot be reached (the message names the address), or marble-temporal is not"
                    + " built."),
    INTERNAL(70, "A bug in Marble: run again with --debug and report it."),
    INTERRUPTED(130, "Interrupted: Ctrl+C, or the SIGTERM 'marble chain stop --now' sends.");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** Code to meaning, in order, as picocli's exit-code section of the help takes it. */
    static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        // Padded by hand: String.format's first use costs every start a few ms, for help that is seldom shown.
        for (ExitCode exit : values()) {
            String code = Integer.toString(exit.code);
            list.put(" ".repeat(Math.max(0, 3 - code.length())) + code, exit.meaning);
        }
        return list;
    }

    /** The Markdown table docs/cli.md carries (a test keeps the two equal). */
    static String markdownTable() {
        StringBuilder table = new StringBuilder("| Code | Meaning |\n|---|---|\n");
        Arrays.stream(values())
                .forEach(exit -> table.append("| ")
                        .append(exit.code)
                        .append(" | ")
                        .append(exit.meaning)
                        .append(" |\n"));
        return table.toString();
    }
}
