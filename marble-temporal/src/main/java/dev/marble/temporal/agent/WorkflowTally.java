package dev.marble.temporal.agent;

import dev.marble.api.DurableRuns;
import dev.marble.model.Cost;
import dev.marble.model.Usage;
import java.math.BigDecimal;

/**
 * Tokens and dollars a run on Temporal spent so far, as the local run's tally counts them: a call without a price
 * makes the total a lower bound. Workflow state, rebuilt on replay from the calls' results in the history.
 */
final class WorkflowTally {

    private Usage usage = Usage.ZERO;
    private BigDecimal usd = BigDecimal.ZERO;
    private String unpriced;
    private boolean reported;
    private boolean paid;

    void add(Spent spent) {
        if (spent == null) return;
        Spent.Tokens t = spent.tokens();
        usage = usage.plus(new Usage(t.input(), t.output(), t.cacheRead(), t.cacheWrite()));
        Cost.Source source = Cost.Source.valueOf(spent.costSource());
        if (spent.usd() != null && source != Cost.Source.UNKNOWN) {
            usd = usd.add(spent.usd());
            reported = reported || source == Cost.Source.PROVIDER_REPORTED;
            paid = paid || source != Cost.Source.FREE;
            if (source == Cost.Source.PARTIAL && unpriced == null) unpriced = spent.model();
        } else if (unpriced == null) {
            unpriced = spent.model();
        }
    }

    Usage usage() {
        return usage;
    }

    BigDecimal usd() {
        return usd;
    }

    String unpriced() {
        return unpriced;
    }

    Cost cost() {
        if (unpriced != null) return new Cost(usd, Cost.Source.PARTIAL);
        if (!paid) return Cost.FREE;
        return new Cost(usd, reported ? Cost.Source.PROVIDER_REPORTED : Cost.Source.PRICING_TABLE);
    }

    DurableRuns.Tally tally(int turns) {
        Cost cost = cost();
        return new DurableRuns.Tally(turns, usage.inputTokens(), usage.outputTokens(), cost.usd());
    }

    Spent total() {
        Cost cost = cost();
        return new Spent(
                new Spent.Tokens(
                        usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(), usage.cacheWriteTokens()),
                cost.usd(),
                cost.source().name(),
                unpriced);
    }

    static Spent of(Usage usage, Cost cost, String model) {
        return new Spent(
                new Spent.Tokens(
                        usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(), usage.cacheWriteTokens()),
                cost.usd(),
                cost.source().name(),
                model);
    }
}
