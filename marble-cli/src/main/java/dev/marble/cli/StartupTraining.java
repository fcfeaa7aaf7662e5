package dev.marble.cli;

import dev.marble.config.Environment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * The training run of the launcher's start-up cache: each short command people and scripts call many times a
 * day (version, pipe on a replay and through the Claude Code CLI, chain status/stop/log/list, logs, config),
 * once, in one process, in a scratch folder of its own, offline. What they load is what the cache holds; a
 * command left out here loads its classes from the jar at every start. Long commands (chain start, loop, run,
 * chat) are left out on purpose: every class in the cache is mapped in at every start, and their few hundred
 * milliseconds of start-up do not show in runs of minutes.
 *
 * <p>Run by {@code ./marble} as {@code java -XX:AOTCacheOutput=… -cp marble.jar dev.marble.cli.StartupTraining
 * SCRATCH}; exits 1 naming the command that failed, so the launcher keeps no cache trained on a failure.
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

    private static final List<List<String>> COMMANDS = List.of(
            List.of("--version"),
            List.of("version"),
            List.of("pipe", "-q", "-m", "scripted:replies.yaml", "warm up"),
            List.of("pipe", "--json", "-m", "scripted:replies.yaml", "warm up"),
            List.of("pipe", "-m", "sonnet", "warm up"),
            List.of("chain", "reset", "training"),
            List.of("chain", "status", "training"),
            List.of("chain", "status"),
            List.of("chain", "stop", "training", "trained"),
            List.of("chain", "log", "training"),
            List.of("chain", "list"),
            List.of("logs"),
            List.of("logs", "--runs"),
            List.of("config"));

    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: StartupTraining SCRATCH_FOLDER");
            System.exit(ExitCodes.USAGE);
        }
        Environment environment = scratch(Path.of(args[0]).toAbsolutePath());
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Terminals.isTerminal(0); // as Main does, so that what it loads is trained too
        for (List<String> command : COMMANDS) {
            PrintStream err = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            CliContext context = new CliContext(environment, new ByteArrayInputStream(new byte[0]), nowhere, err,
                    false, false);
            int exit = Main.run(context, command.toArray(String[]::new));
            if (exit != ExitCodes.OK) {
                System.err.println("marble " + String.join(" ", command) + " exited " + exit + " in training");
                System.exit(1);
            }
        }
        System.exit(0); // the journal's and the CLI readers' threads are done; nothing else may keep this alive
    }

    /** A project with a replay file and a chain, a home of its own, and the stand-in claude first on PATH. */
    private static Environment scratch(Path scratch) throws IOException {
        Path project = Files.createDirectories(scratch.resolve("project"));
        Path home = Files.createDirectories(scratch.resolve("home"));
        Path bin = Files.createDirectories(scratch.resolve("bin"));
        Files.writeString(project.resolve("replies.yaml"), """
                replies:
                  - text: trained
                    usage: {input_tokens: 1, output_tokens: 1}
                  - text: trained again
                  - text: and again
                """);
        Files.writeString(Files.createDirectories(project.resolve("chains")).resolve("training.json"), CHAIN);
        Path claude = bin.resolve("claude");
        Files.writeString(claude, CLAUDE);
        Files.setPosixFilePermissions(claude, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> variables = Map.of("PATH", bin + ":/usr/bin:/bin", "HOME", home.toString());
        return new Environment(variables, project, home);
    }
}
