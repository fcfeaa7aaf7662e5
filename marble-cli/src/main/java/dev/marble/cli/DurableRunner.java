package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.agent.RunEnding;
import dev.marble.api.DurableEngine;
import dev.marble.api.DurableRuns;
import dev.marble.api.EngineOptions;
import dev.marble.error.UsageException;
import dev.marble.json.Json;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code marble loop} and {@code marble run} with {@code --engine temporal} (or {@code "engine": "temporal"} in
 * marble.json): the run starts as a workflow, its calls run on {@code marble worker}s, and this command waits for it,
 * saying so on standard error when a call waits for {@code marble approve}. Only the engine's SPI is used here: the
 * Temporal SDK is loaded by {@link DurableEngines}, for this command alone.
 */
final class DurableRunner {

    static final String LOCAL = "local";
    static final String TEMPORAL = "temporal";

    private DurableRunner() {}

    /** {@code --engine} when given, else marble.json's {@code engine}, else local. */
    static String engine(String flag, Marble marble) {
        String chosen = flag != null
                ? flag.strip().toLowerCase(Locale.ROOT)
                : marble.config().text("engine").map(s -> s.value()).orElse(LOCAL);
        if (!Set.of(LOCAL, TEMPORAL).contains(chosen)) {
            throw new UsageException("--engine " + flag + ": expected local or temporal");
        }
        return chosen;
    }

    /** Refuses an option the engine cannot honour yet, by name, rather than ignoring it. */
    static void refuse(boolean given, String option) {
        if (given) throw new UsageException(option + " does not work with --engine temporal (yet); run locally");
    }

    static int run(
            CliContext context, Marble marble, EngineOptions options, DurableRuns.Request request, boolean json) {
        DurableEngine engine =
                DurableEngines.load(TEMPORAL, context.environment().variables());
        try (DurableEngine.Connection connection = engine.connect(marble, options)) {
            DurableRuns runs = connection.runs();
            String runId = runs.start(request);
            if (!json) context.err().println("[marble] run " + runId + " started on " + connection.describe());
            DurableRuns.Outcome outcome = runs.await(runId, status -> {
                if (status.pending() != null) {
                    DurableRuns.Pending pending = status.pending();
                    context.err()
                            .println("[marble] run " + runId + " waits for approval: " + pending.tool() + " "
                                    + pending.subject() + " (" + pending.reason() + "). Answer with: marble approve "
                                    + runId + "   or: marble approve " + runId + " --deny \"why\"");
                }
            });
            RunEnding ending = RunEnding.valueOf(outcome.ending());
            if (json) {
                context.out().println(Json.write(json(outcome, ending)));
            } else {
                if (outcome.answer() != null) {
                    context.out()
                            .println(TerminalText.out(context)
                                    .show(marble.redactor().redact(outcome.answer())));
                }
                context.err()
                        .println("[marble] run " + runId + ": " + ending.wireName()
                                + (outcome.detail() == null
                                        ? ""
                                        : " (" + marble.redactor().redact(outcome.detail()) + ")")
                                + ", " + outcome.tally().turns() + " turns");
            }
            return ExitCodes.of(ending);
        }
    }

    private static ObjectNode json(DurableRuns.Outcome outcome, RunEnding ending) {
        ObjectNode node = Json.object();
        node.put("run_id", outcome.runId());
        node.put("engine", TEMPORAL);
        node.put("ending", ending.wireName());
        node.put("detail", outcome.detail());
        node.put("answer", outcome.answer());
        node.put("turns", outcome.tally().turns());
        node.put("input_tokens", outcome.tally().inputTokens());
        node.put("output_tokens", outcome.tally().outputTokens());
        if (outcome.tally().costUsd() == null) node.putNull("cost_usd");
        else node.put("cost_usd", outcome.tally().costUsd());
        return node;
    }
}
