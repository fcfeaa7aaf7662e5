package dev.marble.otel;

import dev.marble.event.Event;
import dev.marble.event.EventExporter;

/**
 * Sends what is buffered when the JVM exits without closing Marble (a second Ctrl+C, {@code System.exit} from
 * elsewhere): a shutdown hook, taken away again when the exporter is closed the ordinary way.
 */
final class ExitFlush implements EventExporter {

    private final EventExporter exporter;
    private final Thread hook;

    private ExitFlush(EventExporter exporter) {
        this.exporter = exporter;
        this.hook = new Thread(exporter::close, "marble-otel-exit");
    }

    static EventExporter around(EventExporter exporter) {
        ExitFlush flushing = new ExitFlush(exporter);
        Runtime.getRuntime().addShutdownHook(flushing.hook);
        return flushing;
    }

    @Override
    public void accept(Event event) {
        exporter.accept(event);
    }

    @Override
    public void flush() {
        exporter.flush();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // The hook is running or about to: it closes the exporter.
            return;
        }
        exporter.close();
    }
}
