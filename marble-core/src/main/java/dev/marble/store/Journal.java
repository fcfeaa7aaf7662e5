package dev.marble.store;

import dev.marble.error.MarbleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.sqlite.JDBC;

/**
 * The project's journal: a SQLite database in {@code .marble/journal.db}, in WAL mode so that a
 * reader ({@code marble logs}) never blocks a running chain and several Marble processes can write
 * to it. The schema is versioned with {@code PRAGMA user_version}; each migration runs once.
 */
public final class Journal implements AutoCloseable {

    public static final String FILE_NAME = "journal.db";

    /**
     * Index i holds the statements that bring the schema from version i to i + 1.
     *
     * <p>Calls do not store their requests whole: an agent run sends the whole conversation again on
     * every turn, so whole requests would grow the journal with the square of a run's length.
     * Each message, tool list and system prompt is stored once in {@code blobs}, keyed by a hash
     * of its (redacted) text, and a call lists the hashes of the messages it sent. The assistant
     * message stored with one call's response is the same blob the next call sends. Call ids sort
     * by time ({@link dev.marble.event.Ids}), so the table is kept in id order and needs no index
     * to list the newest calls.
     */
    private static final List<List<String>> MIGRATIONS = List.of(
            List.of(
                    "CREATE TABLE blobs (hash TEXT PRIMARY KEY, content TEXT NOT NULL) WITHOUT ROWID",
                    """
            CREATE TABLE calls (
              id TEXT PRIMARY KEY NOT NULL,
              run_id TEXT,
              started_at TEXT NOT NULL,
              provider TEXT NOT NULL,
              model TEXT NOT NULL,
              model_used TEXT,
              status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
              system_hash TEXT REFERENCES blobs(hash),
              tools_hash TEXT REFERENCES blobs(hash),
              options_json TEXT,
              message_hashes TEXT NOT NULL,
              response_hash TEXT REFERENCES blobs(hash),
              response_meta_json TEXT,
              input_tokens INTEGER,
              output_tokens INTEGER,
              cache_read_tokens INTEGER,
              cache_write_tokens INTEGER,
              cost_usd REAL,
              cost_source TEXT,
              latency_ms INTEGER NOT NULL,
              retries INTEGER NOT NULL,
              attempts_json TEXT NOT NULL,
              error TEXT
            ) WITHOUT ROWID""",
                    "CREATE INDEX calls_run_id ON calls(run_id)"),
            // 2: agent runs, and every event of a run in order (turns, tool calls, approvals, results).
            List.of(
                    """
                    CREATE TABLE runs (
                      id TEXT PRIMARY KEY NOT NULL,
                      kind TEXT NOT NULL,
                      agent TEXT,
                      model TEXT NOT NULL,
                      goal TEXT,
                      started_at TEXT NOT NULL,
                      ended_at TEXT,
                      ending TEXT,
                      detail TEXT,
                      turns INTEGER,
                      input_tokens INTEGER,
                      output_tokens INTEGER,
                      cache_read_tokens INTEGER,
                      cache_write_tokens INTEGER,
                      cost_usd REAL,
                      cost_source TEXT
                    ) WITHOUT ROWID""",
                    """
                    CREATE TABLE events (
                      id INTEGER PRIMARY KEY,
                      run_id TEXT NOT NULL,
                      seq INTEGER NOT NULL,
                      at TEXT NOT NULL,
                      type TEXT NOT NULL,
                      json TEXT NOT NULL
                    )""",
                    // Numbered per run by the process that writes the run; an index, not a key, so a
                    // mistake there can never make a batch (and the calls in it) fail to land.
                    "CREATE INDEX events_run ON events(run_id, seq)"),
            // 3: a delegated run (a worker called as a tool, a spawn, a fork) names the run that started it.
            List.of(
                    "ALTER TABLE runs ADD COLUMN parent_run_id TEXT",
                    "CREATE INDEX runs_parent ON runs(parent_run_id)"),
            // 4: a chain's story. Each link a chain ran, naming its chain run, round and agent run; and totals that
            // roll up: a run's and a link's tokens and dollars are the sum of every call below them (delegated runs
            // included), the dollars of the calls whose price is known, and the models whose price is not.
            List.of(
                    """
                    CREATE TABLE links (
                      id INTEGER PRIMARY KEY,
                      chain_run_id TEXT NOT NULL,
                      chain TEXT NOT NULL,
                      round INTEGER NOT NULL,
                      link INTEGER NOT NULL,
                      name TEXT NOT NULL,
                      role TEXT,
                      model TEXT,
                      link_run_id TEXT,
                      resumed INTEGER NOT NULL,
                      started_at TEXT NOT NULL,
                      ended_at TEXT,
                      outcome TEXT,
                      detail TEXT,
                      elapsed_ms INTEGER,
                      calls INTEGER,
                      input_tokens INTEGER,
                      output_tokens INTEGER,
                      cache_read_tokens INTEGER,
                      cache_write_tokens INTEGER,
                      cost_usd REAL,
                      unpriced_models TEXT
                    )""",
                    "CREATE INDEX links_chain_run ON links(chain_run_id, round, link)",
                    "CREATE INDEX links_chain ON links(chain, started_at)",
                    "CREATE INDEX links_run ON links(link_run_id)",
                    "CREATE INDEX runs_kind_agent ON runs(kind, agent, started_at)",
                    "ALTER TABLE runs ADD COLUMN total_calls INTEGER",
                    "ALTER TABLE runs ADD COLUMN total_input_tokens INTEGER",
                    "ALTER TABLE runs ADD COLUMN total_output_tokens INTEGER",
                    "ALTER TABLE runs ADD COLUMN total_cache_read_tokens INTEGER",
                    "ALTER TABLE runs ADD COLUMN total_cache_write_tokens INTEGER",
                    "ALTER TABLE runs ADD COLUMN total_cost_usd REAL",
                    "ALTER TABLE runs ADD COLUMN unpriced_models TEXT"));

    private final Path file;
    private final Connection connection;

    private Journal(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating if needed) the journal under {@code stateDirectory}. */
    public static Journal open(Path stateDirectory) {
        return openFile(stateDirectory.resolve(FILE_NAME));
    }

    /** Opens (creating if needed) a journal kept in {@code file} ({@code marble loop -d FILE}), making its folder. */
    public static Journal openFile(Path file) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            if (directory != null) Files.createDirectories(directory);
            SqliteLibrary.prepare();
            // The driver itself, not DriverManager, whose first use looks for every JDBC driver on the class path.
            Connection connection = JDBC.createConnection(JDBC.PREFIX + file, new Properties());
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 5000");
                statement.execute("PRAGMA journal_mode = WAL");
                statement.execute("PRAGMA synchronous = NORMAL");
            }
            migrate(connection);
            return new Journal(file, connection);
        } catch (SQLException | IOException e) {
            throw new MarbleException("cannot open the journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens an existing journal for reading; empty when the project has none yet. */
    public static Optional<Journal> openExisting(Path stateDirectory) {
        return Files.isRegularFile(stateDirectory.resolve(FILE_NAME))
                ? Optional.of(open(stateDirectory))
                : Optional.empty();
    }

    /**
     * Brings the schema up to date. The version is read under SQLite's write lock (BEGIN IMMEDIATE),
     * so two processes opening a new journal at once cannot both create the tables.
     */
    private static void migrate(Connection connection) throws SQLException {
        if (schemaVersion(connection) == MIGRATIONS.size()) return;
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                int version = schemaVersion(connection);
                if (version > MIGRATIONS.size()) {
                    throw new SQLException("it was written by a newer Marble (schema " + version + ", this one knows "
                            + MIGRATIONS.size() + ")");
                }
                for (int v = version; v < MIGRATIONS.size(); v++) {
                    for (String sql : MIGRATIONS.get(v)) statement.execute(sql);
                }
                statement.execute("PRAGMA user_version = " + MIGRATIONS.size());
                statement.execute("COMMIT");
            } catch (SQLException e) {
                statement.execute("ROLLBACK");
                throw e;
            }
        }
    }

    private static int schemaVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                var rows = statement.executeQuery("PRAGMA user_version")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    public Path file() {
        return file;
    }

    Connection connection() {
        return connection;
    }

    /** Work that writes, done as one transaction. */
    @FunctionalInterface
    interface Writes {
        void run(Connection connection) throws SQLException;
    }

    /** Runs {@code writes} in one transaction: all of it lands, or none. */
    void transaction(Writes writes) {
        try {
            connection.setAutoCommit(false);
            try {
                writes.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new MarbleException("cannot write to the journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new MarbleException("cannot close the journal " + file + ": " + e.getMessage(), e);
        }
    }
}
