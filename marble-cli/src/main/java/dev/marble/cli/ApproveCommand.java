package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.api.DurableEngine;
import dev.marble.api.DurableRuns;
import dev.marble.error.UsageException;
import dev.marble.json.Json;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code marble approve RUN_ID [--deny "why"]}: answers the tool call an agent run on Temporal waits on (the policy
 * asked about it and nobody was there to answer). The run's workflow waits for this answer, for days if need be,
 * holding no worker; the answer is a signal, and the call then runs (or is answered as denied) on a worker.
 */
@Command(
        name = "approve",
        description = {
            "Answer the tool call an agent run on Temporal waits on.",
            "Approve it, or deny it with --deny (the reason is shown to the model). Only a call the approval policy"
                    + " asks about waits: a call the rules deny stays denied."
        },
        footer = {
            "  marble approve run-01jq5c7m2w4x8y9z0a1b2c3d4e",
            "  marble approve run-01jq5c7m2w4x8y9z0a1b2c3d4e --deny \"not on main\"",
            "  marble approve run-01jq5c7m2w4x8y9z0a1b2c3d4e --temporal-namespace prod --json"
        })
final class ApproveCommand implements Callable<Integer> {

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private final CliContext context;

    @Parameters(
            index = "0",
            paramLabel = "RUN_ID",
            description = "The run, as 'marble loop --engine temporal' named it.")
    String runId;

    @Option(names = "--deny", paramLabel = "WHY", description = "Deny the call, telling the model why.")
    String deny;

    @Mixin
    EngineFlags temporal;

    /** One object: the run, the call answered and the answer. */
    @Mixin
    JsonOption json;

    @Mixin
    Verbosity verbosity;

    ApproveCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (!RUN_ID.matcher(runId).matches()) {
            throw new UsageException("RUN_ID " + runId + ": expected a run id such as run-01jq5c7m2w4x8y9z0a1b2c3d4e");
        }
        if (deny != null && deny.isBlank()) throw new UsageException("--deny needs a reason the model can read");
        try (Marble marble = Marble.start(context.environment(), context.err()::println, context.redactor())) {
            DurableEngine engine = DurableEngines.load(
                    DurableRunner.TEMPORAL, context.environment().variables());
            try (DurableEngine.Connection connection = engine.connect(marble, temporal.options())) {
                boolean approve = deny == null;
                DurableRuns.Pending answered = connection.runs().answer(runId, approve, deny);
                if (json.enabled()) {
                    ObjectNode node = Json.object();
                    node.put("run_id", runId);
                    node.put("approval", answered.number());
                    node.put("tool", answered.tool());
                    node.put("subject", answered.subject());
                    node.put("approved", approve);
                    node.put("reason", deny);
                    context.out().println(Json.write(node));
                } else if (!verbosity.quiet) {
                    context.out()
                            .println("[marble approve] " + runId + ": " + (approve ? "approved " : "denied ")
                                    + answered.tool() + " "
                                    + TerminalText.out(context).show(answered.subject())
                                    + (approve ? "" : " (" + deny + ")"));
                }
                return ExitCodes.OK;
            }
        }
    }
}
