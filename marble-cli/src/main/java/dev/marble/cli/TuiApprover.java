package dev.marble.cli;

import dev.marble.secret.SecretRedactor;
import dev.marble.tool.approval.ApprovalAnswer;
import dev.marble.tool.approval.ApprovalRequest;
import dev.marble.tool.approval.Approver;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Approvals in the full-screen view, one key each as in llm-do: {@code a} approves the call once, {@code s} for the
 * rest of the run, {@code d} denies it and then takes a one-line reason (Enter sends it, Escape goes back to the
 * question), which the model sees. Keys typed before the question are dropped, so nothing typed ahead approves a
 * call. A file change is shown in the tools pane as its diff first.
 */
final class TuiApprover implements Approver {

    /** What a key answers to a question. */
    enum Choice {
        ONCE,
        SESSION,
        DENY
    }

    private static final int DIFF_LINES = 60;

    private final TuiPanes panes;
    private final TuiKeys keys;
    private final Runnable redraw;
    private final SecretRedactor redactor;
    private final ChangePreview preview;

    TuiApprover(TuiPanes panes, TuiKeys keys, Runnable redraw, SecretRedactor redactor, ChangePreview preview) {
        this.panes = panes;
        this.keys = keys;
        this.redraw = redraw;
        this.redactor = redactor;
        this.preview = preview;
    }

    /** The choice a key makes, if it makes one: a, s or d in either case. */
    static Optional<Choice> choice(TuiKey key) {
        if (key.kind() != TuiKey.Kind.CHAR) return Optional.empty();
        return switch (key.text().toLowerCase(Locale.ROOT)) {
            case "a" -> Optional.of(Choice.ONCE);
            case "s" -> Optional.of(Choice.SESSION);
            case "d" -> Optional.of(Choice.DENY);
            default -> Optional.empty();
        };
    }

    /** Parallel calls ask one at a time: there is one bottom line and one person. */
    @Override
    public synchronized ApprovalAnswer ask(ApprovalRequest request) {
        showChange(request);
        String reason = request.reason() == null || request.reason().isBlank() ? "" : " (" + request.reason() + ")";
        String question = "Allow " + request.toolName() + "?" + redactor.redact(reason)
                + "  a = once · s = for this run · d = deny";
        keys.clear();
        try {
            while (true) {
                show(question, null, "waiting for you");
                Optional<Choice> choice = choice(keys.take());
                if (choice.isEmpty()) continue;
                switch (choice.get()) {
                    case ONCE -> {
                        return new ApprovalAnswer.Once();
                    }
                    case SESSION -> {
                        return new ApprovalAnswer.ForSession();
                    }
                    case DENY -> {
                        Optional<String> typed = reason(question);
                        if (typed.isEmpty()) continue; // Escape: back to the question
                        return new ApprovalAnswer.Denied(
                                typed.get().isBlank() ? "the user said no" : "the user said no: " + typed.get());
                    }
                }
            }
        } catch (InterruptedException e) {
            // Ctrl+C while asked: the run is stopping; the call does not run.
            Thread.currentThread().interrupt();
            return new ApprovalAnswer.Denied("interrupted");
        } finally {
            show(null, null, "running");
        }
    }

    /** The reason typed after {@code d}, stripped; empty when Escape took the person back to the question. */
    private Optional<String> reason(String question) throws InterruptedException {
        StringBuilder typed = new StringBuilder();
        while (true) {
            show(question, typed.toString(), "waiting for you");
            TuiKey key = keys.take();
            switch (key.kind()) {
                case ENTER -> {
                    return Optional.of(typed.toString().strip());
                }
                case ESCAPE -> {
                    return Optional.empty();
                }
                case BACKSPACE -> {
                    if (!typed.isEmpty()) typed.setLength(typed.offsetByCodePoints(typed.length(), -1));
                }
                case CHAR -> typed.append(TuiText.sanitize(key.text()).replace("\n", " "));
                default -> {}
            }
        }
    }

    private void show(String question, String reason, String state) {
        panes.ask(question);
        panes.reason(reason);
        panes.state(state);
        redraw.run();
    }

    private void showChange(ApprovalRequest request) {
        preview.of(request).ifPresent(change -> {
            List<String> diff = change.unifiedDiff();
            String shown = String.join("\n", diff.subList(0, Math.min(DIFF_LINES, diff.size())));
            String more = diff.size() > DIFF_LINES ? "\n… " + Words.count(diff.size() - DIFF_LINES, "more line") : "";
            panes.note(
                    redactor.redact((change.created() ? "creates " : "changes ") + change.name() + ":\n" + shown)
                            + more,
                    false);
        });
    }

    @Override
    public String name() {
        return "user";
    }
}
