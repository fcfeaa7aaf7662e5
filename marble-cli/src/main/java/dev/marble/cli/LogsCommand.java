package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.config.Environment;
import dev.marble.error.MarbleException;
import dev.marble.error.UsageException;
import dev.marble.event.EventJson;
import dev.marble.json.Json;
import dev.marble.model.Usage;
import dev.marble.secret.SecretRedactor;
import dev.marble.store.CallLog;
import dev.marble.store.CallRecord;
import dev.marble.store.ChainHistory;
import dev.marble.store.Journal;
import dev.marble.store.ReplayExport;
import dev.marble.store.RunLog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code marble logs}: the newest model calls from the project's journal; with {@code --runs} the newest runs, each
 * with the runs it delegated to indented under it; with {@code --run ID} one run's tree of runs and its events.
 */
@Command(
        name = "logs",
        description = {
            "Show the newest model calls from the journal (.marble/journal.db).",
            "Or the newest runs (--runs), or one run with every event (--run ID)."
        },
        footer = {"  marble logs", "  marble logs -n 5 --json", "  marble logs --runs"})
final class LogsCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(
            names = {"-n", "--count"},
            paramLabel = "N",
            defaultValue = "20",
            description = "How many calls (default ${DEFAULT-VALUE}).")
    int count;

    @Mixin
    JsonOption json;

    @Option(
            names = "--runs",
            description = "List runs instead of model calls: how each ended, turns, tokens, cost, time;"
                    + " the runs each delegated to (workers, spawn, fork) indented under it.")
    boolean runs;

    @Option(
            names = "--run",
            paramLabel = "ID",
            description = "One run: it and the runs it delegated to, then its every event in order (turns, tool calls,"
                    + " approvals, results).")
    String runId;

    @Option(
            names = "--chain",
            paramLabel = "NAME",
            description = "The links of chain NAME, one line each, under a line per round; the newest -n links.")
    String chain;

    @Option(
            names = "--since",
            paramLabel = "AGE|DATE",
            description = "With --chain: only links started since then (90m, 2h, 3d, 2026-12-01, 2026-12-01T08:00).")
    String since;

    @Option(
            names = "--model",
            paramLabel = "M",
            description = "With --chain: only links of this model (anthropic:claude-sonnet-4-6, or the name alone).")
    String model;

    @Option(names = "--failed", description = "With --chain: only links that failed or were interrupted.")
    boolean failed;

    @Mixin
    Verbosity verbosity;

    @Mixin
    ChainHomeOption home;

    @Option(
            names = "--replay",
            paramLabel = "FILE",
            description = "With --run ID: write the run's model answers (and its links' and delegated runs') to FILE,"
                    + " a replay for -m scripted:FILE, to run it again offline.")
    Path replay;

    LogsCommand(CliContext context) {
        this.context = context;
    }

    /**
     * Everything printed passes through here, JSON value by value. The journal was redacted when written, but
     * perhaps by an older Marble, or before a variable was known to hold a secret (configuration names it now).
     */
    private SecretRedactor redactor;

    /** The journal's chain history, to show a chain run's rounds and links. */
    private ChainHistory history;

    /** Made once, on the first line a person reads; see {@link #text()}. */
    private PrintStream text;

    /**
     * Standard output for the lines a person reads: they quote answers, tool results and errors from the journal,
     * which at a terminal are shown, not obeyed (JSON lines go to {@code context.out()} as they are).
     */
    private PrintStream text() {
        if (text == null) text = ShownPrintStream.of(context.out(), TerminalText.out(context));
        return text;
    }

    @Override
    public Integer call() {
        if (count < 1) throw new UsageException("-n must be at least 1");
        if (replay != null && runId == null) throw new UsageException("--replay FILE goes with --run ID");
        if (chain == null && (since != null || model != null || failed))
            throw new UsageException("--since, --model and --failed go with --chain NAME");
        boolean quiet = verbosity.detail(Verbosity.Detail.PROGRESS) == Verbosity.Detail.RESULT;
        try (Marble marble = Marble.start(journalPlace(), context.err()::println, context.redactor())) {
            redactor = marble.redactor();
            Optional<Journal> journal = Journal.openExisting(marble.stateDirectory());
            // Which journal: the project is found upward from here, and a person in the wrong folder should see it.
            if (!quiet)
                context.err().println("journal: " + marble.stateDirectory().resolve(Journal.FILE_NAME));
            if (journal.isEmpty()) {
                if (!json.enabled())
                    text().println("No calls yet: " + marble.stateDirectory().resolve(Journal.FILE_NAME)
                            + " does not exist.");
                return ExitCodes.OK;
            }
            try (Journal open = journal.get()) {
                history = new ChainHistory(open);
                if (chain != null) {
                    printChain();
                } else if (replay != null) {
                    writeReplay(open);
                } else if (runId != null) {
                    printEvents(new RunLog(open), runId);
                } else if (runs) {
                    RunLog log = new RunLog(open);
                    for (RunLog.RunRecord run : log.newestTopLevel(count)) printTree(log.tree(run), 0);
                } else {
                    List<CallRecord> records = new CallLog(open).newest(count);
                    for (CallRecord record : records)
                        (json.enabled() ? context.out() : text())
                                .println(json.enabled() ? asJson(record) : asLine(record));
                }
            }
            return ExitCodes.OK;
        }
    }

    /**
     * Where the journal is looked for: the project above the working directory; for {@code --chain NAME}, the project
     * above the chain's home, which is where {@code chain start} ran it and so where it wrote its journal.
     */
    private Environment journalPlace() {
        Environment here = context.environment();
        if (chain == null) return here;
        ChainHome base = home.resolve(context);
        Path root;
        try {
            root = NamedChain.find(context, base, chain).home().root();
        } catch (MarbleException noSuchChainFile) {
            root = base.root(); // a chain whose file is gone still has its history
        }
        return here.withWorkingDirectory(root);
    }

    private void writeReplay(Journal open) {
        RunLog.RunRecord run = new RunLog(open)
                .run(runId)
                .orElseThrow(() ->
                        new UsageException("no run " + runId + " in the journal (marble logs --runs lists them)"));
        ReplayExport.Replay recorded = new ReplayExport(open).of(run);
        Path file = context.environment().workingDirectory().resolve(replay);
        try {
            Files.writeString(file, Json.write(redactor.redact(recorded.json())) + "\n");
        } catch (IOException e) {
            throw new MarbleException("cannot write the replay " + file + ": " + e.getMessage(), e);
        }
        context.out()
                .println("wrote " + Words.count(recorded.replies(), "reply", "replies") + " of run " + run.id() + " to "
                        + replay + "; play it with the model scripted:" + replay);
    }

    private void printChain() {
        Instant from = since == null ? null : SinceOption.parse(since, Instant.now(), ZoneId.systemDefault());
        var links = history.links(chain, new ChainHistory.Filter(from, model, failed, count));
        ChainLinksView view = new ChainLinksView(json.enabled() ? context.out() : text(), redactor);
        if (json.enabled()) {
            view.printJson(links);
        } else if (links.isEmpty()) {
            text().println("No links of chain '" + chain + "' in the journal" + (from == null ? "" : " since " + from)
                    + ".");
        } else {
            view.print(links);
        }
    }

    /**
     * A chain run's tree: the chain, a line per round, each link under its round and each link's runs under it.
     * Runs that are no link's (a journal written before links were kept) follow as plain children.
     */
    private void printChainTree(RunLog.RunTree tree, int depth) {
        text().println(treePrefix(depth) + runLine(tree.run()));
        var byRun = new java.util.LinkedHashMap<String, RunLog.RunTree>();
        for (RunLog.RunTree child : tree.children()) byRun.put(child.run().id(), child);
        ChainLinksView view = new ChainLinksView(text(), redactor);
        for (ChainHistory.Round round :
                ChainHistory.rounds(history.linksOfRun(tree.run().id()))) {
            text().println(treePrefix(depth + 1) + ChainLinksView.roundLine(round));
            for (ChainHistory.Link link : round.links()) {
                text().println(treePrefix(depth + 2) + view.linkLine(link));
                RunLog.RunTree run = link.linkRunId() == null ? null : byRun.remove(link.linkRunId());
                if (run != null) printTree(run, depth + 3);
            }
        }
        for (RunLog.RunTree child : byRun.values()) printTree(child, depth + 1);
    }

    /** Each run of the tree on a line of its own, depth first; as JSON with its depth. */
    private void printTree(RunLog.RunTree tree, int depth) {
        if (json.enabled()) {
            ObjectNode node = runNode(tree.run());
            node.put("depth", depth);
            context.out().println(Json.write(redactor.redact(node)));
        } else if (tree.run().chain()) {
            printChainTree(tree, depth);
            return;
        } else {
            text().println(treePrefix(depth) + runLine(tree.run()));
        }
        for (RunLog.RunTree child : tree.children()) printTree(child, depth + 1);
    }

    private static String treePrefix(int depth) {
        return depth == 0 ? "" : "   ".repeat(depth - 1) + "└─ ";
    }

    private void printEvents(RunLog log, String id) {
        Optional<RunLog.RunRecord> run = log.run(id);
        var events = log.events(id);
        if (run.isEmpty() && events.isEmpty())
            throw new UsageException("no run " + id + " in the journal (marble logs --runs lists them)");
        if (run.isPresent()) {
            RunLog.RunTree tree = log.tree(run.get());
            if (json.enabled()) {
                ObjectNode node = Json.object().put("type", "run");
                node.setAll(treeNode(tree));
                context.out().println(Json.write(redactor.redact(node)));
            } else {
                if (run.get().parentRunId() != null)
                    text().println("started by run " + run.get().parentRunId());
                printTree(tree, 0);
                text().println();
            }
        }
        for (RunLog.EventRecord event : events) {
            JsonNode e = redactor.redact(Json.parse(event.json()));
            if (json.enabled()) {
                context.out().println(Json.write(e));
                continue;
            }
            text().println(String.format(
                    Locale.ROOT,
                    "%3d %s %-18s %s",
                    event.seq(),
                    event.at().substring(11, Math.min(23, event.at().length())),
                    event.type(),
                    EventSummary.of(e)));
        }
    }

    private String runLine(RunLog.RunRecord r) {
        Long elapsed = elapsedMillis(r);
        if (r.chain()) {
            // A chain calls no model itself: what it cost is what its links' calls cost, and it counts rounds.
            return String.format(
                    Locale.ROOT,
                    "%s  %s  %-8s %-12s %-11s %s  %s  %s  %s",
                    r.id(),
                    r.startedAt().substring(0, Math.min(19, r.startedAt().length())),
                    r.kind(),
                    r.agent() == null ? "?" : r.agent(),
                    r.ending() == null ? "(running or killed)" : r.ending(),
                    r.turns() == null ? "? rounds" : Words.count(r.turns(), "round"),
                    TotalsText.of(r.totals()),
                    elapsed == null ? "?" : String.format(Locale.ROOT, "%.1f s", elapsed / 1000.0),
                    quote(r.goal() == null ? "" : redactor.redact(r.goal())));
        }
        String cost = r.costUsd() == null ? "$?" : Words.dollars(r.costUsd());
        String all = r.totals() == null
                        || r.inputTokens() == null
                        || r.totals().tokens()
                                == r.inputTokens()
                                        + zeroIfNull(r.outputTokens())
                                        + zeroIfNull(r.cacheReadTokens())
                                        + zeroIfNull(r.cacheWriteTokens())
                ? ""
                : "  (with its delegated runs: " + TotalsText.of(r.totals()) + ")";
        return String.format(
                        Locale.ROOT,
                        "%s  %s  %-8s %-12s %-11s %s  %s  %s  %s  %s",
                        r.id(),
                        r.startedAt().substring(0, Math.min(19, r.startedAt().length())),
                        r.kind(),
                        r.agent() == null ? "?" : r.agent(),
                        r.ending() == null ? "(running or killed)" : r.ending(),
                        r.turns() == null ? "? turns" : Words.count(r.turns(), "turn"),
                        r.inputTokens() == null ? "? tokens" : Words.count(r.inputTokens() + r.outputTokens(), "token"),
                        cost,
                        elapsed == null ? "?" : String.format(Locale.ROOT, "%.1f s", elapsed / 1000.0),
                        quote(r.goal() == null ? "" : redactor.redact(r.goal())))
                + all;
    }

    /** How long the run took, from the journal's start and end times; null while it runs (or if it was killed). */
    private static Long elapsedMillis(RunLog.RunRecord r) {
        if (r.endedAt() == null) return null;
        try {
            return Duration.between(Instant.parse(r.startedAt()), Instant.parse(r.endedAt()))
                    .toMillis();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The run's journal row as JSON: snake_case, the tokens as the {@code usage} object every output has. */
    private static ObjectNode runNode(RunLog.RunRecord r) {
        ObjectNode node = Json.object();
        node.put("id", r.id());
        node.put("kind", r.kind());
        node.put("agent", r.agent());
        node.put("model", r.model());
        node.put("goal", r.goal());
        node.put("parent_run_id", r.parentRunId());
        node.put("started_at", r.startedAt());
        node.put("ended_at", r.endedAt());
        node.put("ending", r.ending());
        node.put("detail", r.detail());
        // A chain's runs table counts rounds in the turns column: said as rounds, turns left null.
        if (r.turns() == null || r.chain()) node.putNull("turns");
        else node.put("turns", r.turns());
        if (r.chain()) {
            if (r.turns() == null) node.putNull("rounds");
            else node.put("rounds", r.turns());
        }
        usage(node, r.inputTokens(), r.outputTokens(), r.cacheReadTokens(), r.cacheWriteTokens());
        if (r.costUsd() == null) node.putNull("cost_usd");
        else node.put("cost_usd", r.costUsd());
        node.put("cost_source", r.costSource());
        // the calls below: for a chain, every link's; for a run, its own and its delegated runs'
        if (r.totals() == null) node.putNull("totals");
        else node.set("totals", TotalsText.json(r.totals()));
        Long elapsed = elapsedMillis(r);
        if (elapsed == null) node.putNull("elapsed_ms");
        else node.put("elapsed_ms", elapsed);
        return node;
    }

    /** {@code usage} as every output writes it; null while the journal has no counts (a run still going, a failed
     * call). */
    private static void usage(ObjectNode node, Long input, Long output, Long cacheRead, Long cacheWrite) {
        if (input == null) {
            node.putNull("usage");
            return;
        }
        node.set(
                "usage",
                EventJson.usage(new Usage(input, zeroIfNull(output), zeroIfNull(cacheRead), zeroIfNull(cacheWrite))));
    }

    private static long zeroIfNull(Long value) {
        return value == null ? 0 : value;
    }

    /** The run as {@link #runNode}, with its children nested under {@code children}. */
    private static ObjectNode treeNode(RunLog.RunTree tree) {
        ObjectNode node = runNode(tree.run());
        var children = node.putArray("children");
        for (RunLog.RunTree child : tree.children()) children.add(treeNode(child));
        return node;
    }

    private String asLine(CallRecord r) {
        StringBuilder line = new StringBuilder();
        line.append(r.startedAt(), 0, Math.min(19, r.startedAt().length())).append(' ');
        line.append(r.status().equals("ok") ? "ok   " : "ERROR").append(' ');
        line.append(r.modelUsed() != null ? r.modelUsed() : r.model());
        if ("scripted".equals(r.provider())) line.append(" (replay)");
        if (r.inputTokens() != null) {
            line.append("  in ")
                    .append(r.inputTokens()
                            + (r.cacheReadTokens() == null ? 0 : r.cacheReadTokens())
                            + (r.cacheWriteTokens() == null ? 0 : r.cacheWriteTokens()));
            line.append(" out ").append(r.outputTokens());
        }
        line.append("  ").append(r.costUsd() == null ? "$?" : Words.dollars(r.costUsd()));
        line.append("  ").append(r.latencyMs()).append(" ms");
        if (r.retries() > 0) line.append("  ").append(Words.count(r.retries(), "retry", "retries"));
        line.append("  ")
                .append(r.status().equals("ok") ? quote(redactor.redact(answer(r))) : redactor.redact(r.error()));
        return line.toString();
    }

    private static String answer(CallRecord r) {
        if (r.responseJson() == null) return "";
        StringBuilder text = new StringBuilder();
        for (JsonNode part : Json.parse(r.responseJson()).path("parts")) {
            if ("text".equals(Json.text(part, "type"))) text.append(Json.text(part, "text", ""));
        }
        return text.toString();
    }

    private static String quote(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return "\"" + (flat.length() > 60 ? flat.substring(0, 60) + "…" : flat) + "\"";
    }

    private String asJson(CallRecord r) {
        ObjectNode node = Json.object();
        node.put("id", r.id());
        node.put("run_id", r.runId());
        node.put("started_at", r.startedAt());
        node.put("status", r.status());
        node.put("provider", r.provider());
        node.put("model", r.model());
        node.put("model_used", r.modelUsed());
        node.put("replay", "scripted".equals(r.provider()));
        usage(node, r.inputTokens(), r.outputTokens(), r.cacheReadTokens(), r.cacheWriteTokens());
        if (r.costUsd() == null) node.putNull("cost_usd");
        else node.put("cost_usd", r.costUsd());
        node.put("cost_source", r.costSource());
        node.put("latency_ms", r.latencyMs());
        node.put("retries", r.retries());
        node.set("attempts", Json.parse(r.attemptsJson()));
        node.set("request", Json.parse(r.requestJson()));
        String response = r.responseJson();
        if (response == null) node.putNull("response");
        else node.set("response", Json.parse(response));
        node.put("error", r.error());
        return Json.write(redactor.redact(node));
    }
}
