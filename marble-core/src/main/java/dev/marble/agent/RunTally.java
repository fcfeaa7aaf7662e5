package dev.marble.agent;

import dev.marble.model.ChatResponse;
import dev.marble.model.Cost;
import dev.marble.model.Usage;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Tokens and dollars a run spent so far; a call without a price makes the total a lower bound. Synchronized
 * because tools book their spending from their own threads (a fork's children run in parallel).
 */
final class RunTally {

    private Usage usage = Usage.ZERO;
    private BigDecimal usd = BigDecimal.ZERO;
    private String unpriced;
    private boolean reported;
    private boolean paid;

    synchronized void add(ChatResponse response) {
        add(response.usage(), response.cost(), response.model().toString());
    }

    /** A tool's spending: a child run's totals, whose own unpriced calls make this total partial too. */
    synchronized void addSpent(Usage spentUsage, Cost spentCost) {
        add(spentUsage, spentCost, "a delegated run");
    }

    private void add(Usage spentUsage, Cost spentCost, String what) {
        usage = usage.plus(spentUsage);
        if (spentCost.known()) {
            usd = usd.add(spentCost.usd());
            reported = reported || spentCost.source() == Cost.Source.PROVIDER_REPORTED;
            paid = paid || spentCost.source() != Cost.Source.FREE;
            if (spentCost.source() == Cost.Source.PARTIAL && unpriced == null) unpriced = what;
        } else if (unpriced == null) {
            unpriced = what;
        }
    }

    synchronized RunState state(
            int turns, int turnsSinceAsked, Duration elapsed, String text, RunState.Interrupt interrupt) {
        return new RunState(turns, turnsSinceAsked, usage, usd, unpriced, elapsed, text, interrupt);
    }

    synchronized Usage usage() {
        return usage;
    }

    synchronized Cost cost() {
        if (unpriced != null) return new Cost(usd, Cost.Source.PARTIAL);
        if (!paid) return Cost.FREE;
        return new Cost(usd, reported ? Cost.Source.PROVIDER_REPORTED : Cost.Source.PRICING_TABLE);
    }
}
