package dev.marble.store;

import dev.marble.error.MarbleException;
import dev.marble.json.Json;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** Writes and reads model calls: the {@code calls} table, with their parts in {@code blobs}. */
public final class CallLog {

    private static final String INSERT_BLOB = "INSERT OR IGNORE INTO blobs (hash, content) VALUES (?, ?)";
    private static final String INSERT_CALL = """
            INSERT INTO calls (id, run_id, started_at, provider, model, model_used, status, system_hash, tools_hash,
              options_json, message_hashes, response_hash, response_meta_json, input_tokens, output_tokens,
              cache_read_tokens, cache_write_tokens, cost_usd, cost_source, latency_ms, retries, attempts_json, error)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String SELECT_CALL_COLUMNS = """
            SELECT c.*, s.content AS system_content, t.content AS tools_content, r.content AS response_content
            FROM calls c
            LEFT JOIN blobs s ON s.hash = c.system_hash
            LEFT JOIN blobs t ON t.hash = c.tools_hash
            LEFT JOIN blobs r ON r.hash = c.response_hash""";

    private final Journal journal;

    public CallLog(Journal journal) {
        this.journal = journal;
    }

    /** Inserts the records, and each part not already stored, in one transaction. */
    public void insert(List<CallRecord> records) {
        journal.transaction(connection -> insert(connection, records));
    }

    /** Inserts within the caller's transaction. */
    void insert(Connection connection, List<CallRecord> records) throws SQLException {
        try (PreparedStatement blob = connection.prepareStatement(INSERT_BLOB);
                PreparedStatement call = connection.prepareStatement(INSERT_CALL)) {
            for (CallRecord r : records) {
                int i = 0;
                call.setString(++i, r.id());
                call.setString(++i, r.runId());
                call.setString(++i, r.startedAt());
                call.setString(++i, r.provider());
                call.setString(++i, r.model());
                call.setString(++i, r.modelUsed());
                call.setString(++i, r.status());
                call.setString(++i, store(blob, r.system()));
                call.setString(++i, store(blob, r.toolsJson()));
                call.setString(++i, r.optionsJson());
                ArrayNode hashes = Json.array();
                for (String message : r.messageJsons()) hashes.add(store(blob, message));
                call.setString(++i, Json.write(hashes));
                call.setString(++i, store(blob, r.responseMessageJson()));
                call.setString(++i, r.responseMetaJson());
                setLong(call, ++i, r.inputTokens());
                setLong(call, ++i, r.outputTokens());
                setLong(call, ++i, r.cacheReadTokens());
                setLong(call, ++i, r.cacheWriteTokens());
                if (r.costUsd() == null) call.setNull(++i, Types.REAL);
                else call.setDouble(++i, r.costUsd());
                call.setString(++i, r.costSource());
                call.setLong(++i, r.latencyMs());
                call.setInt(++i, r.retries());
                call.setString(++i, r.attemptsJson());
                call.setString(++i, r.error());
                call.addBatch();
            }
            blob.executeBatch();
            call.executeBatch();
        }
    }

    /** Queues {@code content} for storing (once) and returns its hash; null stays null. */
    private static String store(PreparedStatement blob, String content) throws SQLException {
        if (content == null) return null;
        String hash = hash(content);
        blob.setString(1, hash);
        blob.setString(2, content);
        blob.addBatch();
        return hash;
    }

    /** The first 128 bits of SHA-256, in hex: collisions are out of reach, and keys stay short. */
    static String hash(String content) {
        byte[] digest = Sha256.digest(content.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    /** The newest {@code limit} calls, oldest first (the order a person reads a log in). */
    public List<CallRecord> newest(int limit) {
        String sql = SELECT_CALL_COLUMNS + " ORDER BY c.id DESC LIMIT ?";
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

    /**
     * Every call of these runs, in the order they ended. Not by id: ids sort by the millisecond, and the calls of a
     * replay fall into the same one, where the ids' random tail would order them by chance. The events table numbers
     * every event as the journal's one writer wrote it, so the number of each call's {@code model_call_finished} (or
     * {@code _failed}) event is the order; a call without one (a journal older than its events) sorts last, by id.
     */
    public List<CallRecord> ofRuns(Collection<String> runIds) {
        String calls = SELECT_CALL_COLUMNS + " WHERE c.run_id = ?";
        String ends = "SELECT id, json_extract(json, '$.call_id') FROM events WHERE run_id = ?"
                + " AND type IN ('model_call_finished', 'model_call_failed')";
        record Ordered(long order, CallRecord call) {}
        List<Ordered> out = new ArrayList<>();
        try (PreparedStatement callQuery = journal.connection().prepareStatement(calls);
                PreparedStatement endQuery = journal.connection().prepareStatement(ends)) {
            for (String runId : runIds) {
                Map<String, Long> endedAt = new HashMap<>();
                endQuery.setString(1, runId);
                try (ResultSet rows = endQuery.executeQuery()) {
                    while (rows.next()) endedAt.putIfAbsent(rows.getString(2), rows.getLong(1));
                }
                callQuery.setString(1, runId);
                try (ResultSet rows = callQuery.executeQuery()) {
                    while (rows.next()) {
                        CallRecord call = read(rows);
                        out.add(new Ordered(endedAt.getOrDefault(call.id(), Long.MAX_VALUE), call));
                    }
                }
            }
        } catch (SQLException e) {
            throw new MarbleException("cannot read the journal " + journal.file() + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparingLong(Ordered::order)
                .thenComparing(ordered -> ordered.call().id()));
        return out.stream().map(Ordered::call).toList();
    }

    public long count() {
        return scalar("SELECT count(*) FROM calls");
    }

    /** How many distinct parts (messages, prompts, tool lists) are stored. */
    public long blobCount() {
        return scalar("SELECT count(*) FROM blobs");
    }

    private long scalar(String sql) {
        try (var statement = journal.connection().createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (SQLException e) {
            throw new MarbleException("cannot read the journal " + journal.file() + ": " + e.getMessage(), e);
        }
    }

    private CallRecord read(ResultSet rows) throws SQLException {
        return new CallRecord(
                rows.getString("id"),
                rows.getString("run_id"),
                rows.getString("started_at"),
                rows.getString("provider"),
                rows.getString("model"),
                rows.getString("model_used"),
                rows.getString("status"),
                rows.getString("system_content"),
                rows.getString("tools_content"),
                rows.getString("options_json"),
                messages(rows.getString("message_hashes")),
                rows.getString("response_content"),
                rows.getString("response_meta_json"),
                getLong(rows, "input_tokens"),
                getLong(rows, "output_tokens"),
                getLong(rows, "cache_read_tokens"),
                getLong(rows, "cache_write_tokens"),
                getDouble(rows, "cost_usd"),
                rows.getString("cost_source"),
                rows.getLong("latency_ms"),
                rows.getInt("retries"),
                rows.getString("attempts_json"),
                rows.getString("error"));
    }

    private List<String> messages(String hashesJson) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement query =
                journal.connection().prepareStatement("SELECT content FROM blobs WHERE hash = ?")) {
            for (JsonNode hash : Json.parse(hashesJson)) {
                query.setString(1, hash.asString());
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) out.add(rows.getString(1));
                }
            }
        }
        return out;
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) statement.setNull(index, Types.INTEGER);
        else statement.setLong(index, value);
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
