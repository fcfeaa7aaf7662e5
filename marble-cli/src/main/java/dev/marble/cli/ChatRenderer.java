package dev.marble.cli;

import dev.marble.event.Event;
import dev.marble.event.EventSink;
import dev.marble.secret.SecretRedactor;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a person in {@code marble chat} sees of a run: the answer as it is written and a line per tool call. Only
 * the chat's own runs speak; the runs it delegates to (a worker, a spawned program, a fork) show as the tool call
 * that started them, since their text is an answer to the chat's agent, not to the person.
 */
final class ChatRenderer implements EventSink {

    private final ConsoleRenderer console;
    private final Set<String> delegated = ConcurrentHashMap.newKeySet();

    ChatRenderer(CliContext context, Palette palette, Spinner spinner, SecretRedactor redactor) {
        this.console = new ConsoleRenderer(
                        context.out(),
                        context.err(),
                        Verbosity.Detail.PROGRESS,
                        ConsoleRenderer.Text.STREAMED,
                        palette,
                        redactor)
                .withSpinner(spinner)
                .withTerminals(context);
    }

    @Override
    public boolean wantsTextDeltas() {
        return true;
    }

    @Override
    public void accept(Event event) {
        if (event instanceof Event.RunStarted started && started.parentRunId() != null) delegated.add(started.runId());
        if (delegated.contains(event.runId())) {
            if (event instanceof Event.RunFinished) delegated.remove(event.runId());
            return;
        }
        console.accept(event);
    }

    /** Ends the answer's last line, so that the next prompt starts on its own. */
    void endText() {
        console.endText();
    }
}
