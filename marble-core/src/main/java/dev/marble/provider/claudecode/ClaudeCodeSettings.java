package dev.marble.provider.claudecode;

import dev.marble.config.ConfigSchema;
import dev.marble.config.MarbleConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * How Marble starts the Claude Code CLI: the executable, llmauto's permission mode and allowed
 * tools, and any extra arguments (for example {@code --bare}).
 */
public record ClaudeCodeSettings(
        String command, String permissionMode, List<String> allowedTools, List<String> extraArgs) {

    public ClaudeCodeSettings {
        allowedTools = List.copyOf(allowedTools);
        extraArgs = List.copyOf(extraArgs);
    }

    /**
     * These settings with a call's own {@code permission_mode} and {@code allowed_tools} options: a chain's
     * {@code defaults} set them per chain, {@code -o permission_mode plan} per call. The Claude Code CLI takes
     * no other options from the request body, so both names are free for this.
     */
    public ClaudeCodeSettings with(Map<String, JsonNode> options) {
        String mode = permissionMode;
        List<String> tools = allowedTools;
        JsonNode modeOption = options.get("permission_mode");
        if (modeOption != null && modeOption.isString()) mode = modeOption.asString();
        JsonNode toolsOption = options.get("allowed_tools");
        if (toolsOption != null && toolsOption.isArray()) {
            List<String> names = new ArrayList<>();
            toolsOption.forEach(name -> names.add(name.asString()));
            tools = names;
        } else if (toolsOption != null && toolsOption.isString()) {
            tools = Arrays.stream(toolsOption.asString().split(","))
                    .map(String::strip)
                    .filter(name -> !name.isEmpty())
                    .toList();
        }
        return mode.equals(permissionMode) && tools.equals(allowedTools)
                ? this
                : new ClaudeCodeSettings(command, mode, tools, extraArgs);
    }

    public static ClaudeCodeSettings from(MarbleConfig config) {
        return new ClaudeCodeSettings(
                config.textOrDefault("claude_code.command", "claude").value(),
                config.textOrDefault("default_permission_mode", "dontAsk").value(),
                config.find("default_allowed_tools").isPresent()
                        ? config.textList("default_allowed_tools").value()
                        : ConfigSchema.DEFAULT_ALLOWED_TOOLS,
                config.textList("claude_code.extra_args").value());
    }
}
