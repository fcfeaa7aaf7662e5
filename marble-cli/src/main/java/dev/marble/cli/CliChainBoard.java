package dev.marble.cli;

import dev.marble.chain.ChainSpec;
import dev.marble.chain.LinkSpec;
import dev.marble.chain.run.ChainLog;
import dev.marble.chain.state.ChainStatus;
import dev.marble.chain.state.StateDir;
import dev.marble.ui.ChainAction;
import dev.marble.ui.ChainBoard;
import dev.marble.ui.ChainDetail;
import dev.marble.ui.ChainFacts;
import dev.marble.ui.OnEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's view of a project's chains, read as {@code marble chain status} reads them, and its buttons run
 * {@code marble chain stop} and {@code marble chain start --bg} themselves (the command tree, in-process), so a
 * button does exactly what the command does. Every text from a file is redacted.
 */
final class CliChainBoard implements ChainBoard {

    static final String STOP_REASON = "stopped from the dashboard";
    private static final int LOG_LINES = 200;

    private final CliContext context;
    private final ChainHome home;

    CliChainBoard(CliContext context, ChainHome home) {
        this.context = context;
        this.home = home;
    }

    @Override
    public List<ChainFacts> chains() {
        ProjectChains chains = new ProjectChains(home, context);
        List<ChainFacts> out = new ArrayList<>();
        for (String name : chains.all()) {
            ProjectChains.Loaded loaded = chains.load(name);
            out.add(facts(chains.view(name, loaded), loaded.problem()));
        }
        return out;
    }

    @Override
    public Optional<ChainDetail> chain(String name) {
        ProjectChains chains = new ProjectChains(home, context);
        if (!StateDir.isSafeName(name) || !chains.all().contains(name)) return Optional.empty();
        ProjectChains.Loaded loaded = chains.load(name);
        ChainStatusView view = chains.view(name, loaded);
        StateDir state = view.state();
        List<String> links = loaded.spec() == null
                ? List.of()
                : loaded.spec().links().stream().map(LinkSpec::name).toList();
        Map<String, String> handoffs = new LinkedHashMap<>();
        for (String link : links) {
            read(state.linkHandoffFile(link)).ifPresent(text -> handoffs.put(link, redact(text)));
        }
        return Optional.of(new ChainDetail(
                facts(view, loaded.problem()),
                links,
                view.started() ? redact(state.handoff()) : "",
                handoffs,
                redact(tail(ChainLog.file(home.logs(), name)))));
    }

    @Override
    public ActionResult act(String name, ChainAction action) {
        List<String> args = new ArrayList<>(List.of("chain"));
        switch (action) {
            case STOP -> args.addAll(List.of("stop", "-C", home.root().toString(), name, STOP_REASON));
            case STOP_NOW ->
                args.addAll(List.of("stop", "--now", "-C", home.root().toString(), name, STOP_REASON));
            case START -> args.addAll(List.of("start", "--bg", "-C", home.root().toString(), name));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CliContext captured = new CliContext(
                context.environment().withWorkingDirectory(home.root()),
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                false,
                false,
                false,
                context.redactor());
        int exit = MarbleCli.run(captured, args.toArray(String[]::new));
        return new ActionResult(
                exit == ExitCodes.OK,
                redact(out.toString(StandardCharsets.UTF_8).strip()));
    }

    @Override
    public List<Path> watched() {
        return List.of(home.stateRoot(), home.logs());
    }

    private ChainFacts facts(ChainStatusView view, String problem) {
        ChainSpec spec = view.spec();
        boolean started = view.started();
        return new ChainFacts(
                view.name(),
                !started ? null : view.crashed() ? "CRASHED" : view.state().status(),
                view.pid().isPresent()
                        || view.onTemporal() && view.state().knownStatus().orElse(null) == ChainStatus.RUNNING,
                view.round(),
                spec == null ? -1 : spec.maxRounds(),
                view.runtimeSeconds(),
                view.progress() == null ? null : view.progress().costUsd(),
                view.lastLink().orElse(null),
                view.stopRequested().map(this::redact).orElse(null),
                view.lastStop().map(this::redact).orElse(null),
                problem,
                // The dashboard asks the engine about marked chains (CliEngineChains); the files' view stays the
                // fallback when it does not answer.
                view.onTemporal() ? OnEngine.marked("temporal") : null);
    }

    private String redact(String text) {
        return text == null ? null : context.redactor().redact(text);
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The last lines of the chain's log; a log of many megabytes is read from its end only. */
    static String tail(Path log) {
        if (!Files.isRegularFile(log)) return "";
        try (var file = new java.io.RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(0, length - 64 * 1024);
            byte[] bytes = new byte[(int) (length - from)];
            file.seek(from);
            file.readFully(bytes);
            List<String> lines =
                    new String(bytes, StandardCharsets.UTF_8).lines().toList();
            if (from > 0 && !lines.isEmpty()) lines = lines.subList(1, lines.size()); // a cut first line
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
