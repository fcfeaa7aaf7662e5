package dev.marble.ui;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code marble ui}: the dashboard's HTTP server (the JDK's own), bound to loopback unless told otherwise. It starts
 * in milliseconds: nothing is read until a page is asked for.
 */
public final class Dashboard implements AutoCloseable {

    /**
     * How many of a chain's newest links its page shows (and its {@code /api/} JSON holds); {@code marble logs
     * --chain} and {@code marble chain report} go further back.
     */
    public static final int CHAIN_LINKS = 500;

    /** How often the change feed looks at the state files and the journal. */
    static final long CHANGE_INTERVAL_MILLIS = 500;

    private final HttpServer server;
    private final ExecutorService executor;
    private final ChangeFeed feed;
    private final AccessPolicy policy;

    private Dashboard(HttpServer server, ExecutorService executor, ChangeFeed feed, AccessPolicy policy) {
        this.server = server;
        this.executor = executor;
        this.feed = feed;
        this.policy = policy;
    }

    /**
     * Starts serving.
     *
     * @param address where to listen; a non-loopback address makes every request need the access token
     * @param port 0 for any free port
     */
    public static Dashboard start(InetAddress address, int port, ChainBoard board, RunHistory history) {
        return start(address, port, board, history, EngineChains.NONE);
    }

    /**
     * Starts serving, with chains marked as started on a durable engine shown as {@code engine} sees them (asked when
     * a page is, within {@link EngineBoard#TIMEOUT}; from their state files, with a note, when it does not answer).
     */
    public static Dashboard start(
            InetAddress address, int port, ChainBoard files, RunHistory history, EngineChains engine) {
        ChainBoard board = new EngineBoard(files, engine, EngineBoard.TIMEOUT);
        AccessPolicy policy = AccessPolicy.forAddress(address);
        ChangeFeed feed = new ChangeFeed(
                () -> {
                    var paths = new java.util.ArrayList<>(board.watched());
                    paths.add(history.file());
                    paths.add(history.file().resolveSibling(history.file().getFileName() + "-wal"));
                    return paths;
                },
                CHANGE_INTERVAL_MILLIS);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
            server.createContext("/", new Routes(policy, board, history, feed));
            server.setExecutor(executor);
            server.start();
            return new Dashboard(server, executor, feed, policy);
        } catch (IOException e) {
            feed.close();
            executor.shutdownNow();
            throw new UncheckedIOException(
                    "cannot listen on " + address.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The address to open: with the access token in it when one is needed. */
    public URI uri() {
        InetAddress address = server.getAddress().getAddress();
        String host = address.isLoopbackAddress() || address.isAnyLocalAddress()
                ? "127.0.0.1"
                : address.getHostAddress().contains(":")
                        ? "[" + address.getHostAddress() + "]"
                        : address.getHostAddress();
        return URI.create("http://" + host + ":" + port() + "/"
                + policy.accessToken()
                        .map(t -> "?" + AccessPolicy.TOKEN_PARAMETER + "=" + t)
                        .orElse(""));
    }

    /** The token every request must carry; empty on loopback. */
    public Optional<String> accessToken() {
        return policy.accessToken();
    }

    @Override
    public void close() {
        feed.close();
        server.stop(0);
        executor.shutdownNow();
    }
}
