package dev.marble.cli;

import dev.marble.json.Json;
import dev.marble.secret.SecretRedactor;
import dev.marble.tool.approval.ApprovalAnswer;
import dev.marble.tool.approval.ApprovalRequest;
import dev.marble.tool.approval.Approver;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Asks the person at the terminal about each call the policy wants approved: once, for the rest of the run or
 * session (same tool, same arguments), or no, with an optional reason the model will see. A built-in
 * {@code write_file} or {@code edit_file} call is shown as the unified diff of what the file would become; any other
 * call as its arguments. The model chose all of it (tool name, arguments, path, diff, the command the policy's reason
 * quotes), so it is shown as {@link TerminalPrompts#shown} says before Marble colours it: at a terminal an escape
 * sequence or a carriage return in it cannot redraw the question into one the person did not mean to answer.
 */
final class TerminalApprover implements Approver {

    private static final int SHOWN = 400;
    private static final int DIFF_LINES = 200;

    private final TerminalPrompts prompts;
    private final SecretRedactor redactor;
    private final Palette palette;
    private final ChangePreview preview;
    private final String scope;

    /**
     * @param preview which calls are file changes to show as a diff
     * @param scope   what an "s" answer lasts for, as the person knows it: "run" or "session"
     */
    TerminalApprover(
            TerminalPrompts prompts, SecretRedactor redactor, Palette palette, ChangePreview preview, String scope) {
        this.prompts = prompts;
        this.redactor = redactor;
        this.palette = palette;
        this.preview = preview;
        this.scope = scope;
    }

    @Override
    public ApprovalAnswer ask(ApprovalRequest request) {
        String question = "\n" + describe(request) + "\n  (" + prompts.shown(request.reason())
                + ")  y = once, s = for this " + scope + ", n [reason] = no: ";
        while (true) {
            Optional<String> answer = prompts.ask(question);
            if (answer.isEmpty()) return new ApprovalAnswer.Denied("no answer");
            String text = answer.get();
            String word = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            switch (word) {
                case "y", "yes" -> {
                    return new ApprovalAnswer.Once();
                }
                case "s", "session" -> {
                    return new ApprovalAnswer.ForSession();
                }
                case "n", "no" -> {
                    String reason = text.contains(" ")
                            ? text.substring(text.indexOf(' ') + 1).strip()
                            : "";
                    return new ApprovalAnswer.Denied(
                            reason.isEmpty() ? "the user said no" : "the user said no: " + reason);
                }
                default -> question = "  please answer y, s or n [reason]: ";
            }
        }
    }

    /** The call as the person should judge it: the change it makes to a file, else its arguments. */
    private String describe(ApprovalRequest request) {
        Optional<FileChange> change = preview.of(request);
        if (change.isEmpty()) {
            String arguments = redactor.redact(Json.write(request.arguments()));
            if (arguments.length() > SHOWN) arguments = arguments.substring(0, SHOWN) + "…";
            return "marble: run " + palette.tool(prompts.shown(request.toolName())) + " " + prompts.shown(arguments)
                    + "?";
        }
        FileChange file = change.get();
        StringBuilder out = new StringBuilder("marble: " + palette.tool(prompts.shown(request.toolName())) + " "
                + (file.created() ? "creates " : "changes ") + prompts.shown(redactor.redact(file.name())) + ":");
        List<String> diff = file.unifiedDiff();
        for (String line : diff.subList(0, Math.min(DIFF_LINES, diff.size()))) {
            out.append('\n').append(colour(prompts.shown(redactor.redact(line))));
        }
        if (diff.size() > DIFF_LINES) {
            out.append('\n').append(palette.dim("… " + Words.count(diff.size() - DIFF_LINES, "more line")));
        }
        return out.toString();
    }

    private String colour(String line) {
        if (line.startsWith("+++") || line.startsWith("---")) return palette.heading(line);
        if (line.startsWith("@@")) return palette.hunk(line);
        if (line.startsWith("+")) return palette.added(line);
        if (line.startsWith("-")) return palette.removed(line);
        return line;
    }

    @Override
    public String name() {
        return "user";
    }
}
