package dev.marble.cli;

import java.util.List;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The sections a command's options are shown in by its help, decided by the option's long name, which means the
 * same in every command ({@code --model} is always the model, {@code --json} always output). An option no group
 * names is shown under "Options".
 */
enum OptionGroup {
    MODEL("Model", "--model", "--fallback", "--system", "--option", "--set", "--entry", "--json-schema"),
    TOOLS(
            "Tools and approvals",
            "--functions",
            "--mcp",
            "--workspace",
            "--no-builtins",
            "--approve-all",
            "--allow",
            "--headless",
            "--tools-approve",
            "--sandbox"),
    LIMITS(
            "Limits",
            "--max-turns",
            "--internal-cl",
            "--budget-tokens",
            "--budget-usd",
            "--cost-limit",
            "--timeout",
            "--tool-timeout",
            "--max-depth"),
    OUTPUT(
            "Output",
            "--json",
            "--json-format",
            "--tui",
            "-v",
            "--verbose",
            "-q",
            "--quiet",
            "--no-stream",
            "--tools-debug",
            "--export-conversation",
            "--color",
            "--no-color"),
    GENERAL("Options");

    private final String heading;
    private final List<String> names;

    OptionGroup(String heading, String... names) {
        this.heading = heading;
        this.names = List.of(names);
    }

    String heading() {
        return heading;
    }

    static OptionGroup of(OptionSpec option) {
        String name = option.longestName();
        for (OptionGroup group : values()) {
            if (group.names.contains(name)) return group;
        }
        return GENERAL;
    }
}
