package dev.marble.bench;

import dev.marble.store.Journal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import org.sqlite.JDBC;

/**
 * Writes a journal in the shapes Marble writes one, at scale: chains run again and again (each {@code chain start} a
 * chain run), each run a number of rounds of four links, each link an agent run of many model calls with a tool call
 * and its result per call, and every tenth link delegating to a worker run of its own. Every run, link and call row
 * carries the totals Marble's journal writer would have added up, so what reads it sees what a real one holds. The
 * schema is made by {@link Journal} itself (its migrations); the rows are written by plain JDBC in large
 * transactions, since going through the event bus would take an hour of model calls that did not happen.
 */
final class JournalGenerator {

    static final int LINKS_PER_ROUND = 4;
    static final int CALLS_PER_LINK = 24;
    static final int WORKER_CALLS = 6;
    static final int ROUNDS_PER_CHAIN_RUN = 50;
    static final String[] CHAINS = {"nightly", "docs", "refactor", "triage", "tests", "deps", "perf", "release"};
    static final String[] MODELS = {"anthropic:claude-sonnet-4-6", "anthropic:claude-haiku-4-5", "ollama:qwen3"};
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final long targetCalls;
    private long calls;
    private long ids;
    private Instant now = START;

    JournalGenerator(long targetCalls) {
        this.targetCalls = targetCalls;
    }

    /** Writes the journal {@code file} (which must not exist yet); returns the number of calls written. */
    long write(Path file) throws SQLException {
        Journal.openFile(file).close(); // the schema, as Marble makes it
        try (Connection connection = JDBC.createConnection(JDBC.PREFIX + file, new Properties());
                Statement pragmas = connection.createStatement()) {
            pragmas.execute("PRAGMA journal_mode = WAL");
            pragmas.execute("PRAGMA synchronous = OFF");
            connection.setAutoCommit(false);
            Writer writer = new Writer(connection);
            writer.blob("sys", "You are a link of a chain, run by Marble.");
            int chainRun = 0;
            while (calls < targetCalls) {
                chainRun(writer, CHAINS[chainRun % CHAINS.length], chainRun);
                chainRun++;
                connection.commit();
            }
            writer.close();
            connection.commit();
        }
        return calls;
    }

    private void chainRun(Writer writer, String chain, int number) throws SQLException {
        String chainRunId = id("chain");
        Instant started = now;
        Totals chainTotals = new Totals();
        for (int round = 1; round <= ROUNDS_PER_CHAIN_RUN && calls < targetCalls; round++) {
            for (int link = 0; link < LINKS_PER_ROUND; link++) {
                chainTotals.add(link(writer, chain, chainRunId, round, link, number));
            }
        }
        writer.run(chainRunId, "chain", chain, MODELS[0], null, started, now, "max_rounds", chainTotals);
        writer.runTotals(chainRunId, chainTotals, number % 5 == 4 ? "ollama:qwen3" : null);
    }

    private Totals link(Writer writer, String chain, String chainRunId, int round, int link, int number)
            throws SQLException {
        String model = MODELS[(link + number) % MODELS.length];
        String linkRunId = id("run");
        Instant started = now;
        Totals totals = new Totals();
        for (int turn = 0; turn < CALLS_PER_LINK; turn++) totals.add(writer.call(linkRunId, model, turn, tick(1500)));
        if (link == 2 && round % 10 == 0) {
            String workerId = id("run");
            Instant workerStart = now;
            Totals worker = new Totals();
            for (int turn = 0; turn < WORKER_CALLS; turn++) worker.add(writer.call(workerId, model, turn, tick(900)));
            writer.run(workerId, "delegate", "helper", model, linkRunId, workerStart, now, "answered", worker);
            totals.add(worker);
        }
        writer.run(linkRunId, "link", "link" + link, model, chainRunId, started, now, "answered", totals);
        boolean failed = (round * 7 + link) % 53 == 0;
        writer.link(chainRunId, chain, round, link, model, linkRunId, started, now, failed, totals);
        tick(200);
        return totals;
    }

    private Instant tick(long millis) {
        now = now.plusMillis(millis);
        return now;
    }

    private String id(String prefix) {
        return String.format(Locale.ROOT, "%s_%012d", prefix, ids++);
    }

    /** Tokens and dollars, added up as Marble's journal writer adds them. */
    static final class Totals {
        long calls;
        long input;
        long output;
        long cacheRead;
        double cost;

        void add(Totals other) {
            calls += other.calls;
            input += other.input;
            output += other.output;
            cacheRead += other.cacheRead;
            cost += other.cost;
        }
    }

    /** The prepared statements, batched. */
    private final class Writer implements AutoCloseable {
        private final PreparedStatement blob;
        private final PreparedStatement call;
        private final PreparedStatement event;
        private final PreparedStatement run;
        private final PreparedStatement totals;
        private final PreparedStatement link;
        private int pending;

        Writer(Connection connection) throws SQLException {
            blob = connection.prepareStatement("INSERT OR IGNORE INTO blobs (hash, content) VALUES (?, ?)");
            call = connection.prepareStatement("""
                    INSERT INTO calls (id, run_id, started_at, provider, model, model_used, status, system_hash,
                      message_hashes, response_hash, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
                      cost_usd, cost_source, latency_ms, retries, attempts_json)
                    VALUES (?, ?, ?, ?, ?, ?, 'ok', 'sys', ?, ?, ?, ?, ?, 0, ?, ?, ?, 0, '[]')""");
            event = connection.prepareStatement(
                    "INSERT INTO events (run_id, seq, at, type, json) VALUES (?, ?, ?, ?, ?)");
            run = connection.prepareStatement("""
                    INSERT INTO runs (id, kind, agent, model, goal, started_at, ended_at, ending, turns, input_tokens,
                      output_tokens, cache_read_tokens, cache_write_tokens, cost_usd, cost_source, parent_run_id,
                      total_calls, total_input_tokens, total_output_tokens, total_cache_read_tokens,
                      total_cache_write_tokens, total_cost_usd)
                    VALUES (?, ?, ?, ?, 'the task', ?, ?, ?, ?, ?, ?, ?, 0, ?, 'pricing_table', ?, ?, ?, ?, ?, 0, ?)""");
            totals = connection.prepareStatement("UPDATE runs SET unpriced_models = ? WHERE id = ?");
            link = connection.prepareStatement("""
                    INSERT INTO links (chain_run_id, chain, round, link, name, role, model, link_run_id, resumed,
                      started_at, ended_at, outcome, detail, elapsed_ms, calls, input_tokens, output_tokens,
                      cache_read_tokens, cache_write_tokens, cost_usd, unpriced_models)
                    VALUES (?, ?, ?, ?, ?, 'worker', ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""");
        }

        void blob(String hash, String content) throws SQLException {
            blob.setString(1, hash);
            blob.setString(2, content);
            blob.executeUpdate();
        }

        Totals call(String runId, String model, int turn, Instant at) throws SQLException {
            Totals one = new Totals();
            one.calls = 1;
            one.input = 1200 + turn * 40L;
            one.output = 150 + turn % 7 * 20L;
            one.cacheRead = turn == 0 ? 0 : 9000 + turn * 300L;
            boolean priced = !model.startsWith("ollama");
            one.cost = priced ? (one.input * 3 + one.output * 15 + one.cacheRead * 0.3) / 1_000_000.0 : 0;
            int i = 0;
            call.setString(++i, id("call"));
            call.setString(++i, runId);
            call.setString(++i, at.toString());
            call.setString(++i, model.substring(0, model.indexOf(':')));
            call.setString(++i, model);
            call.setString(++i, model);
            call.setString(++i, "[\"sys\"]");
            call.setString(++i, "sys");
            call.setLong(++i, one.input);
            call.setLong(++i, one.output);
            call.setLong(++i, one.cacheRead);
            if (priced) call.setDouble(++i, one.cost);
            else call.setNull(++i, java.sql.Types.REAL);
            call.setString(++i, priced ? "pricing_table" : "unknown");
            call.setLong(++i, 1400);
            call.addBatch();
            event(runId, turn * 2 + 1, at, "tool_called", "{\"tool\":\"read_file\",\"arguments\":{\"path\":\"a\"}}");
            event(runId, turn * 2 + 2, at, "tool_returned", "{\"tool\":\"read_file\",\"content\":\"ok\"}");
            calls++;
            if (++pending >= 5_000) flush();
            return one;
        }

        private void event(String runId, int seq, Instant at, String type, String json) throws SQLException {
            event.setString(1, runId);
            event.setInt(2, seq);
            event.setString(3, at.toString());
            event.setString(4, type);
            event.setString(5, json);
            event.addBatch();
        }

        void run(
                String id,
                String kind,
                String agent,
                String model,
                String parent,
                Instant started,
                Instant ended,
                String ending,
                Totals sum)
                throws SQLException {
            int i = 0;
            run.setString(++i, id);
            run.setString(++i, kind);
            run.setString(++i, agent);
            run.setString(++i, model);
            run.setString(++i, started.toString());
            run.setString(++i, ended.toString());
            run.setString(++i, ending);
            run.setLong(++i, "chain".equals(kind) ? ROUNDS_PER_CHAIN_RUN : sum.calls);
            run.setLong(++i, sum.input);
            run.setLong(++i, sum.output);
            run.setLong(++i, sum.cacheRead);
            run.setDouble(++i, sum.cost);
            run.setString(++i, parent);
            run.setLong(++i, sum.calls);
            run.setLong(++i, sum.input);
            run.setLong(++i, sum.output);
            run.setLong(++i, sum.cacheRead);
            run.setDouble(++i, sum.cost);
            run.addBatch();
            event(id, 0, started, "run_started", "{\"kind\":\"" + kind + "\"}");
            event(id, 1_000, ended, "run_finished", "{\"ending\":\"" + ending + "\",\"answer\":\"done\"}");
        }

        void runTotals(String id, Totals sum, String unpriced) throws SQLException {
            flush();
            totals.setString(1, unpriced);
            totals.setString(2, id);
            totals.executeUpdate();
        }

        void link(
                String chainRunId,
                String chain,
                int round,
                int index,
                String model,
                String linkRunId,
                Instant started,
                Instant ended,
                boolean failed,
                Totals sum)
                throws SQLException {
            int i = 0;
            link.setString(++i, chainRunId);
            link.setString(++i, chain);
            link.setInt(++i, round);
            link.setInt(++i, index);
            link.setString(++i, "link" + index);
            link.setString(++i, model);
            link.setString(++i, linkRunId);
            link.setString(++i, started.toString());
            link.setString(++i, ended.toString());
            link.setString(++i, failed ? "failed" : "ok");
            link.setString(++i, failed ? "max_turns: the link used its 200 turns" : null);
            link.setLong(++i, Duration.between(started, ended).toMillis());
            link.setLong(++i, sum.calls);
            link.setLong(++i, sum.input);
            link.setLong(++i, sum.output);
            link.setLong(++i, sum.cacheRead);
            link.setDouble(++i, sum.cost);
            link.setString(++i, model.startsWith("ollama") ? model : null);
            link.addBatch();
        }

        private void flush() throws SQLException {
            call.executeBatch();
            event.executeBatch();
            run.executeBatch();
            link.executeBatch();
            pending = 0;
        }

        @Override
        public void close() throws SQLException {
            flush();
            for (PreparedStatement statement : new PreparedStatement[] {blob, call, event, run, totals, link}) {
                statement.close();
            }
        }
    }
}
