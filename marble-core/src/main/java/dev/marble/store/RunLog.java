package dev.marble.store;

import dev.marble.error.MarbleException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Writes and reads agent runs and their events: the {@code runs} and {@code events} tables. */
public final class RunLog {

    /** A run as the journal keeps it; the ending and totals are null while it is running (or if it was killed). */
    public record RunRecord(
            String id,
            String kind,
            String agent,
            String model,
            String goal,
            String startedAt,
            String endedAt,
            String ending,
            String detail,
            Integer turns,
            Long inputTokens,
            Long outputTokens,
            Long cacheReadTokens,
            Long cacheWriteTokens,
            Double costUsd,
            String costSource,
            String parentRunId,
            Totals totals) {

        /** A run as it starts or ends, before the journal has added up the calls below it. */
        public RunRecord(
                String id,
                String kind,
                String agent,
                String model,
                String goal,
                String startedAt,
                String endedAt,
                String ending,
                String detail,
                Integer turns,
                Long inputTokens,
                Long outputTokens,
                Long cacheReadTokens,
                Long cacheWriteTokens,
                Double costUsd,
                String costSource,
                String parentRunId) {
            this(
                    id,
                    kind,
                    agent,
                    model,
                    goal,
                    startedAt,
                    endedAt,
                    ending,
                    detail,
                    turns,
                    inputTokens,
                    outputTokens,
                    cacheReadTokens,
                    cacheWriteTokens,
                    costUsd,
                    costSource,
                    parentRunId,
                    null);
        }

        /** Whether this is a chain run, whose {@link #turns} count rounds. */
        public boolean chain() {
            return "chain".equals(kind);
        }
    }

    /** A run with the runs it started, and theirs, each list oldest first. */
    public record RunTree(RunRecord run, List<RunTree> children) {
        public RunTree {
            children = List.copyOf(children);
        }
    }

    /** One event of a run, its JSON already redacted. */
    public record EventRecord(String runId, int seq, String at, String type, String json) {}

    private final Journal journal;

    public RunLog(Journal journal) {
        this.journal = journal;
    }

    void start(Connection connection, RunRecord run) throws SQLException {
        String sql = "INSERT OR REPLACE INTO runs (id, kind, agent, model, goal, started_at, parent_run_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, run.id());
            insert.setString(2, run.kind());
            insert.setString(3, run.agent());
            insert.setString(4, run.model());
            insert.setString(5, run.goal());
            insert.setString(6, run.startedAt());
            insert.setString(7, run.parentRunId());
            insert.executeUpdate();
        }
    }

    void finish(Connection connection, RunRecord run) throws SQLException {
        String sql = """
                UPDATE runs SET ended_at = ?, ending = ?, detail = ?, turns = ?, input_tokens = ?, output_tokens = ?,
                  cache_read_tokens = ?, cache_write_tokens = ?, cost_usd = ?, cost_source = ? WHERE id = ?""";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, run.endedAt());
            update.setString(2, run.ending());
            update.setString(3, run.detail());
            update.setInt(4, run.turns());
            update.setLong(5, run.inputTokens());
            update.setLong(6, run.outputTokens());
            update.setLong(7, run.cacheReadTokens());
            update.setLong(8, run.cacheWriteTokens());
            if (run.costUsd() == null) update.setNull(9, Types.REAL);
            else update.setDouble(9, run.costUsd());
            update.setString(10, run.costSource());
            update.setString(11, run.id());
            update.executeUpdate();
        }
    }

    void append(Connection connection, List<EventRecord> events) throws SQLException {
        String sql = "INSERT INTO events (run_id, seq, at, type, json) VALUES (?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (EventRecord event : events) {
                insert.setString(1, event.runId());
                insert.setInt(2, event.seq());
                insert.setString(3, event.at());
                insert.setString(4, event.type());
                insert.setString(5, event.json());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The newest {@code limit} runs, oldest first. */
    public List<RunRecord> newest(int limit) {
        return oldestFirst(runs("SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT ?", limit));
    }

    /**
     * What a search lets SQLite narrow the runs by before {@link #newestMatching}'s exact filter sees them: text
     * found in the id, kind, agent, goal or detail, text found in the model (both ignoring case), and the day (UTC)
     * the run started; each null for none.
     */
    public record Narrowing(String text, String model, java.time.LocalDate day) {}

    /**
     * The newest {@code limit} runs that {@code filter} accepts, oldest first, from every run of the journal. Rows
     * are read newest first and reading stops at the {@code limit}-th match. A text search has no index to use, so
     * SQLite narrows first, in C rather than row by row here: the day as a range of {@code started_at}, and text
     * with {@code LIKE}, which folds only ASCII case, so only a needle of ASCII characters is passed to it (another
     * needle is left to {@code filter} alone). {@code filter} decides in the end.
     */
    public List<RunRecord> newestMatching(
            Narrowing narrowing, java.util.function.Predicate<RunRecord> filter, int limit) {
        List<String> where = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (narrowing.day() != null) {
            where.add("started_at >= ? AND started_at < ?");
            parameters.add(narrowing.day().toString());
            parameters.add(narrowing.day().plusDays(1).toString());
        }
        String text = likePattern(narrowing.text());
        if (text != null) {
            where.add("(id LIKE ? ESCAPE '\\' OR kind LIKE ? ESCAPE '\\' OR agent LIKE ? ESCAPE '\\'"
                    + " OR goal LIKE ? ESCAPE '\\' OR detail LIKE ? ESCAPE '\\')");
            for (int i = 0; i < 5; i++) parameters.add(text);
        }
        String model = likePattern(narrowing.model());
        if (model != null) {
            where.add("model LIKE ? ESCAPE '\\'");
            parameters.add(model);
        }
        String sql = "SELECT * FROM runs" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY started_at DESC, id DESC";
        List<RunRecord> out = new ArrayList<>();
        try (PreparedStatement query = journal.connection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) query.setObject(i + 1, parameters.get(i));
            try (ResultSet rows = query.executeQuery()) {
                while (out.size() < limit && rows.next()) {
                    RunRecord run = record(rows);
                    if (filter.test(run)) out.add(run);
                }
            }
        } catch (SQLException e) {
            throw new MarbleException("cannot read the journal " + journal.file() + ": " + e.getMessage(), e);
        }
        return oldestFirst(out);
    }

    /** {@code %needle%} for LIKE, its own % and _ escaped; null for a blank needle or one not all ASCII. */
    static String likePattern(String needle) {
        if (needle == null || needle.isBlank()) return null;
        String stripped = needle.strip();
        StringBuilder pattern = new StringBuilder("%");
        for (char c : stripped.toCharArray()) {
            if (c > 127) return null;
            if (c == '%' || c == '_' || c == '\\') pattern.append('\\');
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }

    /**
     * The newest {@code limit} runs that no other run of the journal started, oldest first: what a person or a
     * chain started, with delegated runs left to {@link #tree}.
     */
    public List<RunRecord> newestTopLevel(int limit) {
        return oldestFirst(runs(
                "SELECT * FROM runs WHERE parent_run_id IS NULL OR parent_run_id NOT IN"
                        + " (SELECT id FROM runs) ORDER BY started_at DESC, id DESC LIMIT ?",
                limit));
    }

    /** One run, or empty when the journal has none of this id. */
    public Optional<RunRecord> run(String id) {
        return runs("SELECT * FROM runs WHERE id = ?", id).stream().findFirst();
    }

    /** {@code run} with every run it started, directly or through its children. */
    public RunTree tree(RunRecord run) {
        return tree(run, new HashSet<>());
    }

    private RunTree tree(RunRecord run, Set<String> seen) {
        seen.add(run.id());
        List<RunTree> children = new ArrayList<>();
        for (RunRecord child : children(run.id())) {
            if (!seen.contains(child.id())) children.add(tree(child, seen)); // a loop of ids cannot come from Marble
        }
        return new RunTree(run, children);
    }

    /** The runs that {@code parentRunId} started (delegates, spawns, forks), oldest first. */
    public List<RunRecord> children(String parentRunId) {
        return runs("SELECT * FROM runs WHERE parent_run_id = ? ORDER BY started_at, id", parentRunId);
    }

    /** The rows of a query on {@code runs} with one parameter. */
    private List<RunRecord> runs(String sql, Object parameter) {
        try (PreparedStatement query = journal.connection().prepareStatement(sql)) {
            query.setObject(1, parameter);
            return runs(query);
        } catch (SQLException e) {
            throw new MarbleException("cannot read the journal " + journal.file() + ": " + e.getMessage(), e);
        }
    }

    private static List<RunRecord> oldestFirst(List<RunRecord> newestFirst) {
        List<RunRecord> out = new ArrayList<>(newestFirst);
        Collections.reverse(out);
        return out;
    }

    static List<RunRecord> runs(PreparedStatement query) throws SQLException {
        List<RunRecord> out = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) out.add(record(rows));
        }
        return out;
    }

    private static RunRecord record(ResultSet rows) throws SQLException {
        return new RunRecord(
                rows.getString("id"),
                rows.getString("kind"),
                rows.getString("agent"),
                rows.getString("model"),
                rows.getString("goal"),
                rows.getString("started_at"),
                rows.getString("ended_at"),
                rows.getString("ending"),
                rows.getString("detail"),
                (Integer) rows.getObject("turns"),
                number(rows, "input_tokens"),
                number(rows, "output_tokens"),
                number(rows, "cache_read_tokens"),
                number(rows, "cache_write_tokens"),
                rows.getObject("cost_usd") == null ? null : rows.getDouble("cost_usd"),
                rows.getString("cost_source"),
                rows.getString("parent_run_id"),
                totals(rows, "total_"));
    }

    /** Every event of one run, in order. */
    public List<EventRecord> events(String runId) {
        String sql = "SELECT * FROM events WHERE run_id = ? ORDER BY seq";
        try (PreparedStatement query = journal.connection().prepareStatement(sql)) {
            query.setString(1, runId);
            List<EventRecord> out = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    out.add(new EventRecord(
                            rows.getString("run_id"),
                            rows.getInt("seq"),
                            rows.getString("at"),
                            rows.getString("type"),
                            rows.getString("json")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new MarbleException("cannot read the journal " + journal.file() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The totals columns of a row ({@code prefix} before the token and cost columns); null when the calls below were
     * never added up (a run still going, killed, or written by an older Marble).
     */
    static Totals totals(ResultSet rows, String prefix) throws SQLException {
        Long calls = number(rows, prefix.isEmpty() ? "calls" : "total_calls");
        if (calls == null) return null;
        return new Totals(
                calls,
                rows.getLong(prefix + "input_tokens"),
                rows.getLong(prefix + "output_tokens"),
                rows.getLong(prefix + "cache_read_tokens"),
                rows.getLong(prefix + "cache_write_tokens"),
                rows.getDouble(prefix + "cost_usd"),
                rows.getString("unpriced_models"));
    }

    static Long number(ResultSet rows, String column) throws SQLException {
        Object value = rows.getObject(column);
        return value == null ? null : ((Number) value).longValue();
    }
}
