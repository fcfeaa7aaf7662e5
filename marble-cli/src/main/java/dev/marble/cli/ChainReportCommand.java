package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.api.DurableChainStatus;
import dev.marble.api.EngineUnavailableException;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.state.StateDir;
import dev.marble.error.MarbleException;
import dev.marble.error.UsageException;
import dev.marble.format.chain.ChainLoader;
import dev.marble.json.Json;
import dev.marble.store.ChainHistory;
import dev.marble.store.Journal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code marble chain report NAME [--json | --html FILE]}: what the chain did, what it cost and why it stopped, from
 * the journal: a table per round and per link, the totals, the stop reason and a projection to max_rounds.
 */
@Command(
        name = "report",
        description = {
            "Report on a chain from the journal: each round and link (start, duration, model, tokens, cost, outcome,"
                    + " the first line of its error or answer), totals, why it stopped, and a projection to"
                    + " max_rounds."
        },
        footer = {
            "  marble chain report nightly",
            "  marble chain report nightly --json",
            "  marble chain report nightly --html report.html"
        })
final class ChainReportCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(
            index = "0",
            paramLabel = "NAME",
            description = "A chain in chains/ (NAME or NAME.json), or a path to a chain file.")
    String name;

    @Mixin
    JsonOption json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the report as one self-contained HTML file.")
    Path html;

    @Mixin
    ChainHomeOption home;

    @Mixin
    Verbosity verbosity;

    /** For a chain last started on Temporal, whose workflow is asked for its own view. */
    @Mixin
    EngineFlags engineFlags;

    ChainReportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (json.enabled() && html != null) throw new UsageException("--json and --html: give one");
        boolean quiet = verbosity.detail(Verbosity.Detail.PROGRESS) == Verbosity.Detail.RESULT;
        NamedChain chain = NamedChain.find(context, home.resolve(context), name);
        ChainSpec spec = ChainLoader.load(
                        chain.file(), List.of(), context.environment().home())
                .spec();
        StateDir state = chain.state();
        Optional<DurableChainStatus> onTemporal = onTemporal(chain);
        ChainReport.State now = new ChainReport.State(
                state.exists() ? state.status() : "never started",
                state.exists() ? state.round() : 0,
                spec.maxRounds(),
                ChainProcess.runningPid(state).isPresent()
                        || onTemporal.map(DurableChainStatus::running).orElse(false),
                state.exists() ? state.lastShutdown().orElse(null) : null);
        var environment =
                context.environment().withWorkingDirectory(chain.home().root());
        try (Marble marble = Marble.start(environment, context.err()::println, context.redactor())) {
            Path file = marble.stateDirectory().resolve(Journal.FILE_NAME);
            if (!quiet) context.err().println("journal: " + file);
            Optional<Journal> journal = Journal.openExisting(marble.stateDirectory());
            if (journal.isEmpty()) {
                context.out().println("No journal yet: " + file + " does not exist.");
                return ExitCodes.OK;
            }
            ChainReport report;
            try (Journal open = journal.get()) {
                report = ChainReport.build(new ChainHistory(open), chain.name(), now, Instant.now());
            }
            ChainReportText text = new ChainReportText(marble.redactor(), ZoneId.systemDefault());
            if (json.enabled()) {
                var out = text.json(report, new ChainLinksView(context.out(), marble.redactor()));
                onTemporal.ifPresent(status -> out.set("temporal", TemporalChainView.json(status)));
                context.out().println(Json.write(out));
            } else if (html != null) {
                Path target = context.environment().workingDirectory().resolve(html);
                try {
                    Files.writeString(target, new ChainReportHtml(text, marble.redactor()).render(report));
                } catch (IOException e) {
                    throw new MarbleException("cannot write " + target + ": " + e.getMessage(), e);
                }
                context.out().println("wrote " + html);
            } else {
                text.print(report, context.out());
                onTemporal.ifPresent(status -> TemporalChainView.print(status, context, context.out()));
            }
            return ExitCodes.OK;
        }
    }

    /** The workflow's view of a chain on Temporal; a report is the journal's, so a server that is down is a warning. */
    private Optional<DurableChainStatus> onTemporal(NamedChain chain) {
        try {
            return TemporalChainView.query(context, chain, engineFlags.options());
        } catch (EngineUnavailableException e) {
            context.err()
                    .println("marble: warning: " + context.redactor().redact(e.getMessage())
                            + "; the report shows what the journal holds");
            return Optional.empty();
        }
    }
}
