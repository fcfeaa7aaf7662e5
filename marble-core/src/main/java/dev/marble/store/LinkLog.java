package dev.marble.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Writes the {@code links} table (a chain's links, each naming its chain run, round and agent run) and totals. */
final class LinkLog {

    /** A link as it starts. */
    record Start(
            String chainRunId,
            String chain,
            int round,
            int link,
            String name,
            String role,
            String model,
            String linkRunId,
            boolean resumed,
            String startedAt) {}

    /** A link as it ends, with the totals of the calls below it; {@code start} for a link that never started. */
    record Finish(
            Start start,
            String chainRunId,
            int round,
            int link,
            String endedAt,
            String outcome,
            String detail,
            long elapsedMs,
            Totals totals) {}

    private LinkLog() {}

    static void start(Connection connection, Start start) throws SQLException {
        String sql = """
                INSERT INTO links (chain_run_id, chain, round, link, name, role, model, link_run_id, resumed, started_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int i = 0;
            insert.setString(++i, start.chainRunId());
            insert.setString(++i, start.chain());
            insert.setInt(++i, start.round());
            insert.setInt(++i, start.link());
            insert.setString(++i, start.name());
            insert.setString(++i, start.role());
            insert.setString(++i, start.model());
            insert.setString(++i, start.linkRunId());
            insert.setInt(++i, start.resumed() ? 1 : 0);
            insert.setString(++i, start.startedAt());
            insert.executeUpdate();
        }
        if (start.linkRunId() == null) return;
        // The link's agent run is a child of its chain run (when its row landed first, it had no parent to name).
        try (PreparedStatement parent = connection.prepareStatement(
                "UPDATE runs SET parent_run_id = ? WHERE id = ? AND parent_run_id IS NULL")) {
            parent.setString(1, start.chainRunId());
            parent.setString(2, start.linkRunId());
            parent.executeUpdate();
        }
    }

    static void finish(Connection connection, Finish finish) throws SQLException {
        String sql = """
                UPDATE links SET ended_at = ?, outcome = ?, detail = ?, elapsed_ms = ?, calls = ?, input_tokens = ?,
                  output_tokens = ?, cache_read_tokens = ?, cache_write_tokens = ?, cost_usd = ?, unpriced_models = ?
                WHERE id = (SELECT max(id) FROM links WHERE chain_run_id = ? AND round = ? AND link = ?)""";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            int i = 0;
            update.setString(++i, finish.endedAt());
            update.setString(++i, finish.outcome());
            update.setString(++i, finish.detail());
            update.setLong(++i, finish.elapsedMs());
            setTotals(update, i, finish.totals());
            i += 7;
            update.setString(++i, finish.chainRunId());
            update.setInt(++i, finish.round());
            update.setInt(++i, finish.link());
            if (update.executeUpdate() > 0) return;
        }
        // A skipped link never started: its row is written whole now.
        start(connection, finish.start());
        finish(connection, finish);
    }

    /** A run's totals, the sum of every call below it. */
    static void runTotals(Connection connection, String runId, Totals totals) throws SQLException {
        String sql = """
                UPDATE runs SET total_calls = ?, total_input_tokens = ?, total_output_tokens = ?,
                  total_cache_read_tokens = ?, total_cache_write_tokens = ?, total_cost_usd = ?, unpriced_models = ?
                WHERE id = ?""";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            setTotals(update, 0, totals);
            update.setString(8, runId);
            update.executeUpdate();
        }
    }

    /** Sets the seven totals columns after parameter {@code before}. */
    private static void setTotals(PreparedStatement statement, int before, Totals totals) throws SQLException {
        int i = before;
        statement.setLong(++i, totals.calls());
        statement.setLong(++i, totals.inputTokens());
        statement.setLong(++i, totals.outputTokens());
        statement.setLong(++i, totals.cacheReadTokens());
        statement.setLong(++i, totals.cacheWriteTokens());
        statement.setDouble(++i, totals.costUsd());
        if (totals.unpricedModels() == null) statement.setNull(++i, Types.VARCHAR);
        else statement.setString(++i, totals.unpricedModels());
    }
}
