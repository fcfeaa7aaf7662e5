package dev.marble.provider.claudecode;

import dev.marble.model.ChatOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The argument vector for one {@code claude} run. llmauto's shape first, so its users see the
 * command they know ({@code --model M -p PROMPT --permission-mode P --allowedTools A,B}), then what
 * Marble adds: the session it chose, the system prompt, and machine-readable output.
 *
 * @param promptOnStdin the prompt is too long for one argument (Linux caps one at 128 KiB), so it
 *                      goes to standard input and {@code -p} stands alone
 */
record ClaudeCommandLine(
        String executable,
        String model,
        String prompt,
        boolean promptOnStdin,
        String system,
        ChatOptions.Session session,
        String fallbackModel,
        boolean partialMessages,
        ClaudeCodeSettings settings) {

    /** Prompts longer than this (in UTF-8 bytes) are written to standard input. */
    static final int MAX_ARGUMENT_BYTES = 100_000;

    List<String> argv() {
        List<String> argv = new ArrayList<>();
        argv.add(executable);
        argv.addAll(settings.extraArgs());
        argv.add("--model");
        argv.add(model);
        argv.add("-p");
        if (!promptOnStdin) argv.add(prompt);
        argv.add("--permission-mode");
        argv.add(settings.permissionMode());
        if (!settings.allowedTools().isEmpty()) {
            argv.add("--allowedTools");
            argv.add(String.join(",", settings.allowedTools()));
        }
        if (fallbackModel != null) {
            argv.add("--fallback-model");
            argv.add(fallbackModel);
        }
        if (session.forkLatest()) {
            // The CLI takes a chosen id with --continue only for a copy (--fork-session); the copy is Marble's session.
            argv.add("--continue");
            argv.add("--fork-session");
        }
        argv.add(session.resume() ? "--resume" : "--session-id");
        argv.add(session.id());
        if (system != null && !system.isBlank()) {
            argv.add("--system-prompt");
            argv.add(system);
        }
        argv.add("--output-format");
        argv.add("stream-json");
        argv.add("--verbose");
        if (partialMessages) argv.add("--include-partial-messages");
        return argv;
    }
}
