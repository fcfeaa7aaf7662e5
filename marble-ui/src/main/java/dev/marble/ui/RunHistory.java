package dev.marble.ui;

import dev.marble.store.RunLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the dashboard reads from the journal, behind one interface so that the read model can change (a chain's
 * rounds and links as the journal's own tree) without touching the pages.
 */
public interface RunHistory {

    /** The journal file read, to say so on the page. */
    Path file();

    /** The newest top-level runs with the runs they started, oldest first; with a query, the matching runs flat. */
    List<RunLog.RunTree> runs(RunQuery query, int limit);

    /** One run with the runs it started, or empty. */
    Optional<RunLog.RunTree> run(String id);

    /** A run's events, in order. */
    List<RunLog.EventRecord> events(String runId);

    /**
     * The newest {@code limit} links of the chain, over every start of it, oldest first: from the journal's indexed
     * {@code links} table, so the cost does not grow with the journal.
     */
    List<LinkRow> chainLinks(String chain, int limit);
}
