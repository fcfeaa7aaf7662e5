package dev.marble.ui;

/**
 * Where a chain marked as started on a durable engine stands there: the engine's view, or why it is not shown.
 *
 * @param engine the engine's name ({@code temporal})
 * @param view   the engine's view, or null when it could not be had (then the page shows the state files)
 * @param note   why the view is missing (the server does not answer in time, no workflow), or null
 */
public record OnEngine(String engine, EngineView view, String note) {

    /** Marked, not asked yet: what the board reports; the dashboard asks the engine. */
    public static OnEngine marked(String engine) {
        return new OnEngine(engine, null, null);
    }
}
