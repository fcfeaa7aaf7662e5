package dev.marble.otel;

import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The SDK reports a failed export through java.util.logging, with a stack trace, on standard error. Marble's
 * commands print one-line warnings and no stack trace: the SDK's records become such lines, where Marble reports
 * its warnings (secrets removed).
 */
final class SdkWarnings {

    /** Held, because java.util.logging keeps loggers only weakly and would forget the handler with it. */
    private static final Logger SDK = Logger.getLogger("io.opentelemetry");

    private SdkWarnings() {}

    static synchronized void sendTo(Consumer<String> warnings) {
        for (Handler handler : SDK.getHandlers()) SDK.removeHandler(handler);
        SDK.setUseParentHandlers(false);
        SDK.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() < Level.WARNING.intValue()) return;
                Throwable cause = record.getThrown();
                warnings.accept("warning: OpenTelemetry: " + record.getMessage()
                        + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")"));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
    }
}
