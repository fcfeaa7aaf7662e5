package dev.marble.store;

import dev.marble.error.MarbleException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Writes and reads the {@code calls} table. */
public final class CallLog {

    private static final String INSERT = """
            INSERT INTO calls (id, run_id, started_at, provider, model, model_used, status, request_json,
              response_json, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd,
              cost_source, latency_ms, retries, attempts_json, error)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final Journal journal;

    public CallLog(Journal journal) {
        this.journal = journal;
    }

    /** Inserts the records in one transaction. */
    public void insert(List<CallRecord> records) {
        var connection = journal.connection();
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (CallRecord r : records) {
                    int i = 0;
                    insert.setString(++i, r.id());
                    insert.setString(++i, r.runId());
                    insert.setString(++i, r.startedAt());
                    insert.setString(++i, r.provider());
                    insert.setString(++i, r.model());
                    insert.setString(++i, r.modelUsed());
                    insert.setString(++i, r.status());
                    insert.setString(++i, r.requestJson());
                    insert.setString(++i, r.responseJson());
                    setLong(insert, ++i, r.inputTokens());
                    setLong(insert, ++i, r.outputTokens());
                    setLong(insert, ++i, r.cacheReadTokens());
                    setLong(insert, ++i, r.cacheWriteTokens());
                    if (r.costUsd() == null) insert.setNull(++i, Types.REAL); else insert.setDouble(++i, r.costUsd());
                    insert.setString(++i, r.costSource());
                    insert.setLong(++i, r.latencyMs());
                    insert.setInt(++i, r.retries());
                    insert.setString(++i, r.attemptsJson());
                    insert.setString(++i, r.error());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the original failure is the one worth reporting
            }
            throw new MarbleException("cannot write to the journal " + journal.file() + ": " + e.getMessage(), e);
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is closed or broken; the next use reports it
            }
        }
    }

    /** The newest {@code limit} calls, oldest first (the order a person reads a log in). */
    public List<CallRecord> newest(int limit) {
        String sql = "SELECT * FROM calls ORDER BY started_at DESC, id DESC LIMIT ?";
        try (PreparedStatement query = journal.connection().prepareStatement(sql)) {
            query.setInt(1, limit);
            List<CallRecord> out = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) out.add(read(rows));
            }
            Collections.reverse(out);
            return out;
        } catch (SQLException e) {
            throw new MarbleException("cannot read the journal " + journal.file() + ": " + e.getMessage(), e);
        }
    }

    public long count() {
        try (var statement = journal.connection().createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM calls")) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (SQLException e) {
            throw new MarbleException("cannot read the journal " + journal.file() + ": " + e.getMessage(), e);
        }
    }

    private static CallRecord read(ResultSet rows) throws SQLException {
        return new CallRecord(rows.getString("id"), rows.getString("run_id"), rows.getString("started_at"),
                rows.getString("provider"), rows.getString("model"), rows.getString("model_used"),
                rows.getString("status"), rows.getString("request_json"), rows.getString("response_json"),
                getLong(rows, "input_tokens"), getLong(rows, "output_tokens"), getLong(rows, "cache_read_tokens"),
                getLong(rows, "cache_write_tokens"), getDouble(rows, "cost_usd"), rows.getString("cost_source"),
                rows.getLong("latency_ms"), rows.getInt("retries"), rows.getString("attempts_json"),
                rows.getString("error"));
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) statement.setNull(index, Types.INTEGER); else statement.setLong(index, value);
    }

    private static Long getLong(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }

    private static Double getDouble(ResultSet rows, String column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }
}
