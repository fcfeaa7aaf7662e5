package dev.marble.store;

import dev.marble.error.MarbleException;
import dev.marble.json.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the journal knows of a chain's history, for {@code marble logs --chain}, {@code marble chain report} and the
 * dashboard: its runs (each {@code marble chain start}), their rounds, and each link with the totals of the calls
 * below it. Every query here is served by an index of the schema ({@link #PLANS} lists them, so a benchmark can
 * print their plans).
 */
public final class ChainHistory {

    /** A link of a chain as the journal keeps it; the end, outcome and totals are null while it runs. */
    public record Link(
            long id,
            String chainRunId,
            String chain,
            int round,
            int link,
            String name,
            String role,
            String model,
            String linkRunId,
            boolean resumed,
            String startedAt,
            String endedAt,
            String outcome,
            String detail,
            Long elapsedMs,
            Totals totals) {

        /** Whether the link ended badly: it failed or was interrupted. */
        public boolean failed() {
            return "failed".equals(outcome) || "interrupted".equals(outcome);
        }
    }

    /** The links of one round of one chain run, and their totals added up. */
    public record Round(String chainRunId, int round, List<Link> links, Totals totals) {
        public Round {
            links = List.copyOf(links);
        }

        public String startedAt() {
            return links.getFirst().startedAt();
        }

        /** When its last link ended; null while one is still running. */
        public String endedAt() {
            return links.getLast().endedAt();
        }
    }

    /**
     * Which links to show.
     *
     * @param since only links started at or after this instant; null for all
     * @param model only links of this model (the whole reference, or the name after the provider's colon); null for
     *     all
     * @param failedOnly only links that failed or were interrupted
     * @param limit at most this many, the newest
     */
    public record Filter(Instant since, String model, boolean failedOnly, int limit) {
        public static Filter newest(int limit) {
            return new Filter(null, null, false, limit);
        }
    }

    static final String LINKS_OF_CHAIN = "SELECT * FROM links WHERE chain = ? AND started_at >= ?"
            + " AND (? IS NULL OR model = ? OR model LIKE '%:' || ?)"
            + " AND (? = 0 OR outcome IN ('failed', 'interrupted'))"
            + " ORDER BY started_at DESC, id DESC LIMIT ?";
    static final String LINKS_OF_RUN = "SELECT * FROM links WHERE chain_run_id = ? ORDER BY round, link, id";
    static final String CHAIN_RUNS =
            "SELECT * FROM runs WHERE kind = 'chain' AND agent = ? ORDER BY started_at DESC, id DESC LIMIT ?";
    static final String RUN_ANSWER = "SELECT json FROM events WHERE run_id = ? AND type = 'run_finished'";

    /** How many runs one {@link #answers} query asks for: well under SQLite's limit of bound parameters. */
    static final int ANSWERS_PER_QUERY = 500;

    /** The answers of {@code n} runs at once; SQLite pulls only the answer out of each event's JSON. */
    static String runAnswers(int n) {
        return "SELECT run_id, json_extract(json, '$.answer') FROM events WHERE type = 'run_finished' AND run_id IN ("
                + String.join(", ", Collections.nCopies(n, "?")) + ")";
    }

    /** Each query with an example of its parameters, for EXPLAIN QUERY PLAN. */
    public static final Map<String, List<Object>> PLANS = Map.of(
            LINKS_OF_CHAIN,
            List.of("chain", "", "m", "m", "m", 0, 20),
            LINKS_OF_RUN,
            List.of("run"),
            CHAIN_RUNS,
            List.of("chain", 5),
            RUN_ANSWER,
            List.of("run"),
            runAnswers(3),
            List.of("run-a", "run-b", "run-c"));

    private final Journal journal;

    public ChainHistory(Journal journal) {
        this.journal = journal;
    }

    /** The links of chain {@code chain} that {@code filter} lets through, oldest first. */
    public List<Link> links(String chain, Filter filter) {
        String model = filter.model();
        List<Link> newestFirst = query(
                LINKS_OF_CHAIN,
                ChainHistory::links,
                chain,
                filter.since() == null ? "" : filter.since().toString(),
                model,
                model,
                model,
                filter.failedOnly() ? 1 : 0,
                filter.limit());
        List<Link> out = new ArrayList<>(newestFirst);
        Collections.reverse(out);
        return out;
    }

    /** Every link of one chain run, in order. */
    public List<Link> linksOfRun(String chainRunId) {
        return query(LINKS_OF_RUN, ChainHistory::links, chainRunId);
    }

    /** The newest {@code limit} runs of the chain, newest first. */
    public List<RunLog.RunRecord> chainRuns(String chain, int limit) {
        try (PreparedStatement statement = journal.connection().prepareStatement(CHAIN_RUNS)) {
            statement.setString(1, chain);
            statement.setInt(2, limit);
            return RunLog.runs(statement);
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /** The answer a run ended with, if it ended with one. */
    public Optional<String> answer(String runId) {
        List<String> answers = query(
                RUN_ANSWER,
                rows -> {
                    List<String> out = new ArrayList<>();
                    while (rows.next()) {
                        String answer = Json.text(Json.parse(rows.getString(1)), "answer");
                        if (answer != null) out.add(answer);
                    }
                    return out;
                },
                runId);
        return answers.stream().findFirst();
    }

    /**
     * The answers the runs {@code runIds} ended with (run id to answer; a run that has not ended, or ended without
     * one, is absent): a query per {@value #ANSWERS_PER_QUERY} runs rather than one per run, which is what a report
     * of thousands of links needs to stay quick.
     */
    public Map<String, String> answers(List<String> runIds) {
        Map<String, String> out = new HashMap<>();
        for (int from = 0; from < runIds.size(); from += ANSWERS_PER_QUERY) {
            List<String> batch = runIds.subList(from, Math.min(runIds.size(), from + ANSWERS_PER_QUERY));
            query(
                    runAnswers(batch.size()),
                    rows -> {
                        while (rows.next()) {
                            String answer = rows.getString(2);
                            if (answer != null) out.putIfAbsent(rows.getString(1), answer);
                        }
                        return out;
                    },
                    batch.toArray());
        }
        return out;
    }

    /** Links grouped by chain run and round, in the order given. */
    public static List<Round> rounds(List<Link> links) {
        Map<String, List<Link>> grouped = new LinkedHashMap<>();
        for (Link link : links) {
            grouped.computeIfAbsent(link.chainRunId() + "/" + link.round(), k -> new ArrayList<>())
                    .add(link);
        }
        List<Round> rounds = new ArrayList<>();
        for (List<Link> group : grouped.values()) {
            Totals totals = Totals.ZERO;
            for (Link link : group) if (link.totals() != null) totals = totals.plus(link.totals());
            rounds.add(new Round(group.getFirst().chainRunId(), group.getFirst().round(), group, totals));
        }
        return rounds;
    }

    /** The query plan SQLite chooses for each query of {@link #PLANS}, one line per step. */
    public Map<String, List<String>> plans() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (var query : PLANS.entrySet()) {
            out.put(
                    query.getKey(),
                    query(
                            "EXPLAIN QUERY PLAN " + query.getKey(),
                            rows -> {
                                List<String> steps = new ArrayList<>();
                                while (rows.next()) steps.add(rows.getString("detail"));
                                return steps;
                            },
                            query.getValue().toArray()));
        }
        return out;
    }

    @FunctionalInterface
    private interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> T query(String sql, Rows<T> reader, Object... parameters) {
        try (PreparedStatement statement = journal.connection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) statement.setObject(i + 1, parameters[i]);
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    private MarbleException unreadable(SQLException e) {
        return new MarbleException("cannot read the journal " + journal.file() + ": " + e.getMessage(), e);
    }

    private static List<Link> links(ResultSet rows) throws SQLException {
        List<Link> out = new ArrayList<>();
        while (rows.next()) {
            out.add(new Link(
                    rows.getLong("id"),
                    rows.getString("chain_run_id"),
                    rows.getString("chain"),
                    rows.getInt("round"),
                    rows.getInt("link"),
                    rows.getString("name"),
                    rows.getString("role"),
                    rows.getString("model"),
                    rows.getString("link_run_id"),
                    rows.getInt("resumed") != 0,
                    rows.getString("started_at"),
                    rows.getString("ended_at"),
                    rows.getString("outcome"),
                    rows.getString("detail"),
                    RunLog.number(rows, "elapsed_ms"),
                    RunLog.totals(rows, "")));
        }
        return out;
    }
}
