package dev.marble.cli;

import dev.marble.config.Environment;
import dev.marble.config.ProjectLocator;
import dev.marble.ui.Dashboard;
import dev.marble.ui.JournalRunHistory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The training runs of the launcher's start-up caches: the short commands people and scripts call many times a
 * day, in groups that share a cache (version; pipe on a replay and through the Claude Code CLI; chain
 * status/stop/log/list/reset; logs; config; ui), each command once, in one process, in a scratch folder of its own,
 * offline. What they load is what the cache holds; what a command loads beyond it comes from the jar at every
 * start. Groups, not one cache of everything, because the JVM loads every class of a cache at every start that
 * maps it: what {@code pipe} needs would cost {@code --version} a fifth more.
 *
 * <p>Run by {@code ./marble} as {@code java -XX:AOTCacheOutput=… -cp marble.jar dev.marble.cli.StartupTraining
 * SCRATCH GROUP}; exits 1 naming the command that failed, so the launcher keeps no cache trained on a failure.
 */
public final class StartupTraining {

    /** A stand-in for the Claude Code CLI: the three lines of {@code --output-format stream-json} a call needs. */
    private static final String CLAUDE = """
            #!/bin/sh
            echo '{"type":"system","subtype":"init","session_id":"00000000-0000-4000-8000-000000000000","model":"claude-sonnet-4-6"}'
            echo '{"type":"assistant","message":{"role":"assistant","model":"claude-sonnet-4-6","content":[{"type":"text","text":"trained"}]}}'
            echo '{"type":"result","subtype":"success","is_error":false,"result":"trained","session_id":"00000000-0000-4000-8000-000000000000","total_cost_usd":0.0001,"usage":{"input_tokens":1,"output_tokens":1},"stop_reason":"end_turn"}'
            """;

    private static final String CHAIN = """
            {"description": "start-up training", "max_rounds": 1,
             "links": [{"name": "worker", "role": "worker", "model": "scripted:replies.yaml", "prompt": "Work."}]}
            """;

    /** The groups of commands that share a cache, as the launcher names them, and what trains each. */
    static final Map<String, List<List<String>>> GROUPS = Map.of(
            "version", List.of(List.of("--version"), List.of("version")),
            "pipe",
                    List.of(
                            List.of("pipe", "-q", "-m", "scripted:replies.yaml", "warm up"),
                            List.of("pipe", "--json", "-m", "scripted:replies.yaml", "warm up"),
                            List.of("pipe", "-m", "sonnet", "warm up")),
            "chain",
                    // status and log first, while the chain has the state a finished run leaves (see scratch)
                    List.of(
                            List.of("chain", "status", "training"),
                            List.of("chain", "status"),
                            List.of("chain", "log", "training"),
                            List.of("chain", "stop", "training", "trained"),
                            List.of("chain", "reset", "training"),
                            List.of("chain", "list")),
            // A journal to read, as there is where logs is asked; written from a JSON replay, so that the cache of
            // logs holds no YAML parser.
            "logs",
                    List.of(
                            List.of("pipe", "-q", "-m", "scripted:replies.json", "warm up"),
                            List.of("logs"),
                            List.of("logs", "--runs")),
            "config", List.of(List.of("config")),
            // ui runs until Ctrl+C: the chains it reads are trained here, its server and pages by serveOnce below.
            "ui", List.of(List.of("pipe", "-q", "-m", "scripted:replies.json", "warm up"), List.of("chain", "list")));

    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        List<List<String>> commands = args.length == 2 ? GROUPS.get(args[1]) : null;
        if (commands == null) {
            System.err.println(
                    "usage: StartupTraining SCRATCH_FOLDER " + String.join("|", new TreeSet<>(GROUPS.keySet())));
            System.exit(ExitCodes.USAGE);
        }
        Environment environment = scratch(Path.of(args[0]).toAbsolutePath());
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Terminals.isTerminal(0); // as Main does, so that what it loads is trained too
        for (List<String> command : commands) {
            CliContext context =
                    new CliContext(environment, new ByteArrayInputStream(new byte[0]), nowhere, nowhere, false, false);
            int exit = Main.run(context, command.toArray(String[]::new));
            if (exit != ExitCodes.OK) {
                System.err.println("marble " + String.join(" ", command) + " exited " + exit + " in training");
                System.exit(1);
            }
        }
        if (args[1].equals("ui")) serveOnce(environment);
        System.exit(0); // the journal's and the CLI readers' threads are done; nothing else may keep this alive
    }

    /**
     * What {@code marble ui} loads to answer its first pages: the dashboard started as the command starts it and
     * asked for the chains page and a chain's page over a plain socket (an HTTP client would be trained as well).
     */
    private static void serveOnce(Environment environment) throws IOException {
        CliContext context = new CliContext(
                environment,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8),
                false,
                false);
        ChainHome home = ChainHome.of(context, null);
        try (Dashboard dashboard = Dashboard.start(
                InetAddress.getLoopbackAddress(),
                0,
                new CliChainBoard(context, home),
                new JournalRunHistory(home.root().resolve(ProjectLocator.STATE_DIRECTORY)))) {
            for (String path : List.of("/", "/chains/training", "/runs", "/assets/marble.css")) {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), dashboard.port())) {
                    socket.getOutputStream()
                            .write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                    String status = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                            .lines()
                            .findFirst()
                            .orElse("");
                    if (!status.contains(" 200 ")) throw new IOException("marble ui answered " + path + ": " + status);
                }
            }
        }
    }

    /**
     * The state files a finished run of the training chain leaves, written as text: {@code chain status} of a chain
     * that ran reads its progress file, whose reader the cache would otherwise lack (a class missing from the cache
     * opens Marble's jar, 9,000 entries, at every such status).
     */
    private static void ranOnce(Path project) throws IOException {
        Path state = Files.createDirectories(project.resolve("state/training"));
        Files.writeString(state.resolve("progress.json"), """
                {"version": 1, "round": 1, "next_link": 0, "sessions": {}, "consecutive_failures": 0,
                 "cost_usd": 0.0123, "active_seconds": 3}
                """);
        Files.writeString(state.resolve("round_counter.txt"), "1");
        Files.writeString(state.resolve("status.txt"), "ALL_DONE");
        Files.writeString(state.resolve("shutdown.txt"), "MAX_ROUNDS");
        Files.writeString(state.resolve("start_time.txt"), "2026-01-01T00:00:00.000001");
        Files.writeString(state.resolve("handoff.md"), "# Handoff\n\nTrained.\n");
        Files.writeString(Files.createDirectories(project.resolve("logs")).resolve("training.log"), """
                [2026-01-01 00:00:00] CHAIN START: training | mode loop | 1 links | rounds 0/1 | runtime limit none
                [2026-01-01 00:00:03] worker: OK (3.0s, $0.0123): trained
                [2026-01-01 00:00:03] SHUTDOWN: MAX_ROUNDS
                """);
    }

    /** A project with a replay file and a chain, a home of its own, and the stand-in claude first on PATH. */
    private static Environment scratch(Path scratch) throws IOException {
        Path project = Files.createDirectories(scratch.resolve("project"));
        Path home = Files.createDirectories(scratch.resolve("home"));
        Path bin = Files.createDirectories(scratch.resolve("bin"));
        // Shaped like examples/hello's: a comment and a block of text, whose parser classes the cache then holds.
        Files.writeString(project.resolve("replies.yaml"), """
                # a replay for training
                replies:
                  - text: |
                      trained
                      on two lines
                    usage: {input_tokens: 1, output_tokens: 1}
                  - text: trained again
                  - text: and again
                """);
        Files.writeString(project.resolve("replies.json"), "[{\"text\": \"trained\"}]\n");
        Files.writeString(Files.createDirectories(project.resolve("chains")).resolve("training.json"), CHAIN);
        ranOnce(project);
        Path claude = bin.resolve("claude");
        Files.writeString(claude, CLAUDE);
        Files.setPosixFilePermissions(claude, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> variables = Map.of("PATH", bin + ":/usr/bin:/bin", "HOME", home.toString());
        return new Environment(variables, project, home);
    }
}
