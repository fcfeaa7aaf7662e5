package dev.marble.cli;

import dev.marble.chain.ChainSpec;
import dev.marble.chain.run.ChainLog;
import dev.marble.error.MarbleException;
import dev.marble.json.Json;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code chain start --bg}: the same command in a process of its own that outlives the terminal. It runs under
 * {@code setsid} where there is one (a session of its own, so closing the terminal sends it no hangup), with no
 * input, and its output appended to the chain's log; its pid is the lock holder's, which status and stop read.
 */
final class BackgroundChain {

    private BackgroundChain() {}

    /** @param json print {@code {"pid": …, "log": …}} instead of the lines a person reads */
    static int start(CliContext context, ChainHome home, Path file, ChainSpec chain, boolean reset, boolean json) {
        List<String> command = new ArrayList<>();
        context.environment().findExecutable("setsid").ifPresent(setsid -> command.add(setsid.toString()));
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ProcessHandle.current().info().arguments().map(List::of).orElse(List.of()).stream()
                .takeWhile(argument -> !argument.equals(Main.class.getName()) && !argument.equals("-jar")).toList());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of("chain", "start", file.toString(), "-C", home.root().toString(), "--log-only"));
        if (reset) command.add("--reset");
        Path log = ChainLog.file(home.logs(), chain.name());
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.root().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.clear();
            env.putAll(context.environment().variables());
            env.remove("CLAUDECODE");
            Process process = builder.start();
            if (json) {
                context.out().println(Json.write(Json.object().put("pid", process.pid()).put("log", log.toString())));
                return ExitCodes.OK;
            }
            context.out().println("[marble chain] " + chain.name() + " started in the background (pid " + process.pid()
                    + "), log: " + log);
            context.out().println("  status: marble chain status " + chain.name());
            context.out().println("  stop:   marble chain stop " + chain.name() + "   (--now to interrupt the running link)");
            return ExitCodes.OK;
        } catch (IOException e) {
            throw new MarbleException("cannot start the chain in the background: " + e.getMessage(), e);
        }
    }
}
