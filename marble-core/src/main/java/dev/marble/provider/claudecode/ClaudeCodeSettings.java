package dev.marble.provider.claudecode;

import dev.marble.config.MarbleConfig;

import java.util.List;

/**
 * How Marble starts the Claude Code CLI: the executable, llmauto's permission mode and allowed
 * tools, and any extra arguments (for example {@code --bare}).
 */
public record ClaudeCodeSettings(String command, String permissionMode, List<String> allowedTools, List<String> extraArgs) {

    public ClaudeCodeSettings {
        allowedTools = List.copyOf(allowedTools);
        extraArgs = List.copyOf(extraArgs);
    }

    public static ClaudeCodeSettings from(MarbleConfig config) {
        return new ClaudeCodeSettings(
                config.textOrDefault("claude_code.command", "claude").value(),
                config.textOrDefault("default_permission_mode", "dontAsk").value(),
                config.find("default_allowed_tools").isPresent()
                        ? config.textList("default_allowed_tools").value()
                        : dev.marble.config.ConfigSchema.DEFAULT_ALLOWED_TOOLS,
                config.textList("claude_code.extra_args").value());
    }
}
