package dev.marble.cli;

import dev.marble.event.Event;
import dev.marble.event.EventSink;
import dev.marble.json.Json;
import dev.marble.secret.SecretRedactor;
import java.io.PrintStream;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --json-format llm-do}: the run's events in llm-do's names and shapes ({@link LlmDoEventJson}), one JSON
 * object per line, every string redacted. Printed where llm-do printed them, on standard error, so a script written
 * for {@code llm-do --json} reads them where it did and the answer alone on standard output.
 */
final class LlmDoJsonRenderer implements EventSink {

    private final PrintStream out;
    private final SecretRedactor redactor;
    private final LlmDoEventJson shapes = new LlmDoEventJson();

    LlmDoJsonRenderer(PrintStream out, SecretRedactor redactor) {
        this.out = out;
        this.redactor = redactor;
    }

    @Override
    public boolean wantsTextDeltas() {
        return true;
    }

    @Override
    public synchronized void accept(Event event) {
        for (ObjectNode line : shapes.of(event)) out.println(Json.write(Json.mapStrings(line, redactor::redact)));
        out.flush();
    }
}
