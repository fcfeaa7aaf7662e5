package dev.marble.ui;

import dev.marble.store.ChainHistory;
import dev.marble.store.Journal;
import dev.marble.store.RunLog;
import dev.marble.store.Totals;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link RunHistory} on the journal: runs and their events through core's {@link RunLog}, and a chain's timeline
 * through core's {@link ChainHistory} (the indexed {@code links} table, as {@code marble logs --chain} and
 * {@code marble chain report} read it, so a chain's links show however many runs came after them). Each call opens the journal and closes it again, so the writer
 * (a chain in another process) is never held up.
 */
public final class JournalRunHistory implements RunHistory {

    private final Path stateDirectory;

    /** @param stateDirectory the project's {@code .marble/} */
    public JournalRunHistory(Path stateDirectory) {
        this.stateDirectory = stateDirectory;
    }

    @Override
    public Path file() {
        return stateDirectory.resolve(Journal.FILE_NAME);
    }

    private <T> T read(Function<RunLog, T> query, T empty) {
        return readJournal(journal -> query.apply(new RunLog(journal)), empty);
    }

    private <T> T readJournal(Function<Journal, T> query, T empty) {
        Optional<Journal> journal = Journal.openExisting(stateDirectory);
        if (journal.isEmpty()) return empty;
        try (Journal open = journal.get()) {
            return query.apply(open);
        }
    }

    @Override
    public List<RunLog.RunTree> runs(RunQuery query, int limit) {
        return read(
                log -> {
                    if (!query.any())
                        return log.newestTopLevel(limit).stream().map(log::tree).toList();
                    // Every run of the journal, newest first, until `limit` match: not only the newest few thousand.
                    return log
                            .newestMatching(
                                    new RunLog.Narrowing(query.text(), query.model(), query.date()),
                                    run -> matches(run, query),
                                    limit)
                            .stream()
                            .map(run -> new RunLog.RunTree(run, List.of()))
                            .toList();
                },
                List.of());
    }

    static boolean matches(RunLog.RunRecord run, RunQuery query) {
        if (!RunQuery.blank(query.text())
                && !(RunQuery.contains(run.id(), query.text())
                        || RunQuery.contains(run.kind(), query.text())
                        || RunQuery.contains(run.agent(), query.text())
                        || RunQuery.contains(run.goal(), query.text())
                        || RunQuery.contains(run.detail(), query.text()))) return false;
        if (!RunQuery.blank(query.model()) && !RunQuery.contains(run.model(), query.model())) return false;
        if (query.date() != null
                && (run.startedAt() == null
                        || !run.startedAt().startsWith(query.date().toString()))) return false;
        if (!RunQuery.blank(query.outcome())) {
            String ending = run.ending() == null ? "running" : run.ending();
            if (!ending.equalsIgnoreCase(query.outcome().strip())) return false;
        }
        return true;
    }

    @Override
    public Optional<RunLog.RunTree> run(String id) {
        return read(log -> log.run(id).map(log::tree), Optional.empty());
    }

    @Override
    public List<RunLog.EventRecord> events(String runId) {
        return read(log -> log.events(runId), List.of());
    }

    @Override
    public List<LinkRow> chainLinks(String chain, int limit) {
        return readJournal(
                journal -> new ChainHistory(journal)
                        .links(chain, ChainHistory.Filter.newest(limit)).stream()
                                .map(JournalRunHistory::row)
                                .toList(),
                List.of());
    }

    /** A link as the page shows it; its tokens and dollars are the totals of every call below it, delegated included. */
    static LinkRow row(ChainHistory.Link link) {
        Totals totals = link.totals();
        return new LinkRow(
                link.chainRunId(),
                link.round(),
                link.name(),
                link.model(),
                link.outcome(),
                link.detail(),
                link.elapsedMs(),
                totals == null || !totals.costKnown() ? null : totals.costUsd(),
                totals == null ? null : totals.inputTokens() + totals.cacheReadTokens() + totals.cacheWriteTokens(),
                totals == null ? null : totals.outputTokens(),
                link.linkRunId());
    }
}
