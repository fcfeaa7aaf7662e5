package dev.marble.cli;

import dev.marble.event.Event;
import dev.marble.event.EventJson;
import dev.marble.event.EventSink;
import dev.marble.json.Json;
import dev.marble.secret.SecretRedactor;
import java.io.PrintStream;

/** {@code --json}: every event as one JSON object per line on standard output, as it happens. */
final class JsonLinesRenderer implements EventSink {

    private final PrintStream out;
    private final SecretRedactor redactor;

    JsonLinesRenderer(PrintStream out, SecretRedactor redactor) {
        this.out = out;
        this.redactor = redactor;
    }

    /** --json shows the text as it is written: a consumer may display it live. */
    @Override
    public boolean wantsTextDeltas() {
        return true;
    }

    @Override
    public synchronized void accept(Event event) {
        if (event instanceof Event.ModelCallStarted) return; // its end says everything it would
        out.println(Json.write(EventJson.of(event, redactor::redact)));
        out.flush();
    }
}
