package dev.marble.cli;

import dev.marble.json.Json;
import dev.marble.secret.SecretRedactor;
import dev.marble.tool.approval.ApprovalAnswer;
import dev.marble.tool.approval.ApprovalRequest;
import dev.marble.tool.approval.Approver;

import java.util.Locale;
import java.util.Optional;

/**
 * Asks the person at the terminal about each call the policy wants approved: once, for the rest of
 * the run (same tool, same arguments), or no, with an optional reason the model will see.
 */
final class TerminalApprover implements Approver {

    private static final int SHOWN = 400;

    private final TerminalPrompts prompts;
    private final SecretRedactor redactor;

    TerminalApprover(TerminalPrompts prompts, SecretRedactor redactor) {
        this.prompts = prompts;
        this.redactor = redactor;
    }

    @Override
    public ApprovalAnswer ask(ApprovalRequest request) {
        String arguments = redactor.redact(Json.write(request.arguments()));
        if (arguments.length() > SHOWN) arguments = arguments.substring(0, SHOWN) + "…";
        String question = "\nmarble: run " + request.toolName() + " " + arguments + "?\n  (" + request.reason()
                + ")  y = once, s = for this run, n [reason] = no: ";
        while (true) {
            Optional<String> answer = prompts.ask(question);
            if (answer.isEmpty()) return new ApprovalAnswer.Denied("no answer");
            String text = answer.get();
            String word = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            switch (word) {
                case "y", "yes" -> { return new ApprovalAnswer.Once(); }
                case "s", "session" -> { return new ApprovalAnswer.ForSession(); }
                case "n", "no" -> {
                    String reason = text.contains(" ") ? text.substring(text.indexOf(' ') + 1).strip() : "";
                    return new ApprovalAnswer.Denied(reason.isEmpty() ? "the user said no" : "the user said no: " + reason);
                }
                default -> question = "  please answer y, s or n [reason]: ";
            }
        }
    }

    @Override
    public String name() {
        return "user";
    }
}
