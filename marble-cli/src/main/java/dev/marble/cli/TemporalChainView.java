package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.api.DurableChainStatus;
import dev.marble.api.EngineOptions;
import dev.marble.json.Json;
import java.io.PrintStream;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chain last started on Temporal as its workflow answers the status query: shown by {@code chain status} and
 * {@code chain report} beside what the state files and the journal say, in words and in {@code --json}.
 */
final class TemporalChainView {

    private TemporalChainView() {}

    /**
     * The workflow's view when the chain's state folder says it was last started on Temporal; empty for a local chain,
     * or when the engine has no workflow for it. Exit 8 when the server does not answer.
     */
    static Optional<DurableChainStatus> query(CliContext context, NamedChain chain, EngineOptions options) {
        if (TemporalChainMarker.workflowId(chain.state()).isEmpty()) return Optional.empty();
        var environment =
                context.environment().withWorkingDirectory(chain.home().root());
        try (Marble marble = Marble.start(environment, context.err()::println, context.redactor());
                var connection = TemporalChainMarker.connect(context, marble, options)) {
            return connection.chains().status(chain.home().root(), chain.name());
        }
    }

    static void print(DurableChainStatus status, CliContext context, PrintStream out) {
        TerminalText shown = TerminalText.out(context);
        out.println("  Temporal: workflow " + status.workflowId() + (status.running() ? ", running" : ", ended")
                + (status.worker() == null ? "" : ", on worker " + status.worker()));
        if (status.linkRunning() != null) out.println("  Running: " + status.linkRunning());
        if (status.waiting() != null) out.println("  Waiting: " + shown.show(status.waiting()));
        if (status.stopRequested() != null)
            out.println("  Stop asked: " + shown.show(status.stopRequested()) + " (after the running link)");
        out.println("  Links run on Temporal: " + status.linksRun());
    }

    static ObjectNode json(DurableChainStatus status) {
        ObjectNode out = Json.object();
        out.put("workflow_id", status.workflowId());
        out.put("running", status.running());
        out.put("status", status.status());
        out.put("round", status.round());
        out.put("next_link", status.nextLink());
        out.put("link_running", status.linkRunning());
        out.put("worker", status.worker());
        out.put("waiting", status.waiting());
        out.put("stop_requested", status.stopRequested());
        out.put("last_stop", status.lastShutdown());
        out.put("cost_usd", status.costUsd());
        out.put("links_run", status.linksRun());
        return out;
    }
}
