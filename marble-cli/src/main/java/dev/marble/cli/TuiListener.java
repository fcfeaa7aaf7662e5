package dev.marble.cli;

import dev.marble.event.Event;
import dev.marble.event.EventSink;
import dev.marble.json.Json;
import dev.marble.model.Cost;
import dev.marble.secret.SecretRedactor;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;

/**
 * Turns a run's events into what the full-screen view shows: the top-level run's text into the answer pane (a
 * delegated run's text is an answer to its caller, seen there as a tool result), every tool call, denial and result
 * into the tools pane, the model, turn, tokens and cost into the status line. Secrets are redacted before anything
 * reaches a pane; the panes sanitize control characters themselves.
 */
final class TuiListener implements EventSink {

    private static final int ARGUMENTS_SHOWN = 300;

    private final TuiPanes panes;
    private final SecretRedactor redactor;
    private final Runnable redraw;
    private final Set<String> delegated = new HashSet<>();
    /** Calls whose denial is shown already: their error result would say it again. */
    private final Set<String> denied = new HashSet<>();

    private BigDecimal usd = BigDecimal.ZERO;
    private boolean unpriced;
    private boolean paid;

    TuiListener(TuiPanes panes, SecretRedactor redactor, Runnable redraw) {
        this.panes = panes;
        this.redactor = redactor;
        this.redraw = redraw;
    }

    @Override
    public boolean wantsTextDeltas() {
        return true;
    }

    @Override
    public synchronized void accept(Event event) {
        if (event instanceof Event.RunStarted started && started.parentRunId() != null) delegated.add(started.runId());
        boolean topLevel = !delegated.contains(event.runId());
        switch (event) {
            case Event.RunStarted e -> {
                if (topLevel) {
                    panes.model(e.model() == null ? "" : e.model().toString());
                    panes.state("running");
                } else {
                    panes.note("↳ " + e.agent() + " (delegated)", false);
                }
            }
            case Event.TurnStarted e -> {
                if (topLevel) panes.turn(e.turn());
            }
            case Event.ModelCallStarted e -> {
                if (topLevel) panes.state("waiting for " + e.model());
            }
            case Event.TextDelta e -> {
                if (topLevel) {
                    panes.appendAnswer(redactor.redact(e.text()));
                    panes.state("writing");
                }
            }
            case Event.ModelCallFinished e -> {
                panes.addUsage(
                        e.response().usage().inputTokens(), e.response().usage().outputTokens());
                addCost(e.response().cost());
                if (topLevel) panes.state("running");
            }
            case Event.AttemptFailed e -> {
                panes.note(
                        "attempt " + e.attempt().number() + " of " + e.attempt().model() + " failed: "
                                + redactor.redact(e.attempt().error()),
                        true);
                if (topLevel) panes.appendAnswer("\n(the attempt failed; the answer starts again)\n");
            }
            case Event.ToolCalled e -> panes.call(e.tool(), shorten(redactor.redact(Json.write(e.arguments()))));
            case Event.ApprovalDecided e -> {
                if (!e.allowed()) {
                    denied.add(e.toolCallId());
                    panes.note("denied " + e.tool() + ": " + redactor.redact(e.reason()), true);
                }
            }
            case Event.ToolReturned e -> {
                if (!denied.remove(e.toolCallId())) panes.result(e.tool(), redactor.redact(e.content()), e.isError());
            }
            case Event.RunFinished e -> {
                if (topLevel) {
                    panes.state(e.ending().wireName());
                    if (e.cost() != null) panes.cost(Words.cost(e.cost()));
                }
            }
            default -> {}
        }
        redraw.run();
    }

    /** Cost of the calls so far, as the status line shows it while the run goes on. */
    private void addCost(Cost cost) {
        if (cost == null || !cost.known()) unpriced = true;
        else {
            usd = usd.add(cost.usd());
            unpriced |= cost.source() == Cost.Source.PARTIAL;
            paid |= cost.source() != Cost.Source.FREE;
        }
        Cost total = unpriced
                ? new Cost(usd, Cost.Source.PARTIAL)
                : paid ? new Cost(usd, Cost.Source.PRICING_TABLE) : Cost.FREE;
        panes.cost(Words.cost(total));
    }

    private static String shorten(String arguments) {
        return arguments.length() <= ARGUMENTS_SHOWN ? arguments : arguments.substring(0, ARGUMENTS_SHOWN) + "…";
    }
}
