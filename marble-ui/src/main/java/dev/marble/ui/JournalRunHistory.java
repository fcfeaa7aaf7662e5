package dev.marble.ui;

import dev.marble.json.Json;
import dev.marble.store.Journal;
import dev.marble.store.RunLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * {@link RunHistory} on the journal as it is today: runs and their events through core's {@link RunLog}. A chain's
 * timeline comes from its chain runs' link events. Each call opens the journal and closes it again, so the writer
 * (a chain in another process) is never held up.
 */
public final class JournalRunHistory implements RunHistory {

    /** How many runs a search looks through, newest first. */
    static final int SEARCH_DEPTH = 2000;

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
        Optional<Journal> journal = Journal.openExisting(stateDirectory);
        if (journal.isEmpty()) return empty;
        try (Journal open = journal.get()) {
            return query.apply(new RunLog(open));
        }
    }

    @Override
    public List<RunLog.RunTree> runs(RunQuery query, int limit) {
        return read(
                log -> {
                    if (!query.any())
                        return log.newestTopLevel(limit).stream().map(log::tree).toList();
                    List<RunLog.RunTree> out = new ArrayList<>();
                    for (RunLog.RunRecord run : log.newest(SEARCH_DEPTH)) {
                        if (matches(run, query)) out.add(new RunLog.RunTree(run, List.of()));
                    }
                    return out.size() > limit ? out.subList(out.size() - limit, out.size()) : out;
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
    public List<LinkRow> chainLinks(String chain) {
        return read(log -> links(log, chain), List.of());
    }

    private static List<LinkRow> links(RunLog log, String chain) {
        List<LinkRow> out = new ArrayList<>();
        for (RunLog.RunRecord run : log.newest(SEARCH_DEPTH)) {
            if (!"chain".equals(run.kind()) || !chain.equals(run.agent())) continue;
            Map<String, JsonNode> started = new HashMap<>();
            List<String> order = new ArrayList<>();
            Map<String, JsonNode> finished = new HashMap<>();
            for (RunLog.EventRecord event : log.events(run.id())) {
                JsonNode json = Json.parse(event.json());
                String key =
                        json.path("round").asInt() + "/" + json.path("link").asInt();
                if (event.type().equals("link_started")) {
                    if (!started.containsKey(key)) order.add(key);
                    started.put(key, json);
                } else if (event.type().equals("link_finished")) {
                    if (!started.containsKey(key)) order.add(key);
                    finished.put(key, json);
                }
            }
            for (String key : order) out.add(row(log, run.id(), started.get(key), finished.get(key)));
        }
        return out;
    }

    private static LinkRow row(RunLog log, String chainRunId, JsonNode start, JsonNode end) {
        JsonNode any = start != null ? start : end;
        String linkRunId = start == null ? null : Json.text(start, "link_run_id", null);
        Optional<RunLog.RunRecord> linkRun = linkRunId == null ? Optional.empty() : log.run(linkRunId);
        return new LinkRow(
                chainRunId,
                any.path("round").asInt(),
                Json.text(any, "name", "?"),
                start == null ? null : Json.text(start, "model", null),
                end == null ? null : Json.text(end, "outcome", null),
                end == null ? null : Json.text(end, "detail", null),
                end == null ? null : end.path("elapsed_ms").asLong(),
                end == null
                                || end.path("cost_usd").isNull()
                                || end.path("cost_usd").isMissingNode()
                        ? null
                        : end.path("cost_usd").asDouble(),
                linkRun.map(RunLog.RunRecord::inputTokens).orElse(null),
                linkRun.map(RunLog.RunRecord::outputTokens).orElse(null),
                linkRunId);
    }
}
