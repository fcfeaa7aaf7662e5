package dev.marble.cli;

import dev.marble.config.ProjectLocator;
import dev.marble.error.UsageException;
import dev.marble.ui.Dashboard;
import dev.marble.ui.JournalRunHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code marble ui}: the live dashboard of the project's chains and journal, on 127.0.0.1 unless {@code --bind}
 * names another address (then every request needs the access token it prints). Runs until Ctrl+C.
 */
@Command(
        name = "ui",
        description = {
            "Serve a live web dashboard of the chains and runs.",
            "Bound to 127.0.0.1; with --bind ADDR elsewhere, and then every request needs the printed access token.",
            "Runs until Ctrl+C."
        },
        footer = {"  marble ui --open", "  marble ui --port 8080 -C ~/llmauto", "  marble ui --bind 0.0.0.0"})
final class UiCommand implements Callable<Integer> {

    static final int DEFAULT_PORT = 7420;

    private final CliContext context;

    @Option(names = "--port", paramLabel = "N", description = "The port (default: ${DEFAULT-VALUE}; 0 any free one).")
    int port = DEFAULT_PORT;

    @Option(names = "--open", description = "Open the dashboard in the default browser.")
    boolean open;

    @Option(
            names = "--bind",
            paramLabel = "ADDR",
            description = "Listen on ADDR instead of 127.0.0.1; every request must then carry the access token.")
    String bind;

    @Mixin
    ChainHomeOption home;

    UiCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) throw new UsageException("--port " + port + ": expected 0 to 65535");
        ChainHome chainHome = home.resolve(context);
        InetAddress address = address();
        var history = new JournalRunHistory(
                ProjectLocator.findRoot(chainHome.root()).resolve(ProjectLocator.STATE_DIRECTORY));
        Dashboard dashboard;
        CliEngineChains engine = new CliEngineChains(context, chainHome);
        try {
            dashboard = Dashboard.start(address, port, new CliChainBoard(context, chainHome), history, engine);
        } catch (UncheckedIOException e) {
            throw new UsageException(
                    e.getMessage() + (port != 0 ? " (choose another --port, or --port 0 for any free one)" : ""));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            dashboard.close();
            engine.close();
            stopped.countDown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        context.out()
                .println("[marble ui] " + dashboard.uri() + "  (chains in " + chainHome.root() + ", journal "
                        + history.file() + "; Ctrl+C stops it)");
        dashboard
                .accessToken()
                .ifPresent(token -> context.out()
                        .println("[marble ui] bound to " + address.getHostAddress()
                                + ": every request needs the access token " + token
                                + " (the address above carries it)"));
        if (open) openBrowser(dashboard.uri().toString());
        stopped.await();
        return ExitCodes.OK;
    }

    private InetAddress address() {
        if (bind == null) return InetAddress.getLoopbackAddress();
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new UsageException("--bind " + bind + ": not an address of this machine");
        }
    }

    private void openBrowser(String uri) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String opener = os.contains("mac") ? "open" : os.contains("win") ? "explorer" : "xdg-open";
        try {
            new ProcessBuilder(opener, uri)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            context.err()
                    .println("[marble ui] cannot open a browser (" + opener + ": " + e.getMessage() + "); open " + uri
                            + " yourself");
        }
    }
}
