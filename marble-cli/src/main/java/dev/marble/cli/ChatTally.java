package dev.marble.cli;

import dev.marble.agent.AgentResult;
import dev.marble.model.Cost;
import dev.marble.model.Usage;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * What a chat has spent, answer by answer: tokens of each kind and dollars. A total with an unpriced answer in it
 * is a lower bound, and says so; one of only replayed or local answers is free.
 */
final class ChatTally {

    private Usage usage = Usage.ZERO;
    private BigDecimal usd = BigDecimal.ZERO;
    private boolean unpriced;
    private boolean paid;
    private int answers;
    private Usage last = Usage.ZERO;

    void add(AgentResult result) {
        answers++;
        usage = usage.plus(result.usage());
        last = result.usage();
        Cost cost = result.cost();
        if (cost.known()) usd = usd.add(cost.usd());
        unpriced |= !cost.known() || cost.source() == Cost.Source.PARTIAL;
        paid |= cost.known() && cost.source() != Cost.Source.FREE;
    }

    Usage usage() {
        return usage;
    }

    /** The last answer's tokens: its input is about what the conversation now fills of the model's context. */
    Usage last() {
        return last;
    }

    int answers() {
        return answers;
    }

    Cost cost() {
        if (unpriced) return new Cost(usd, Cost.Source.PARTIAL);
        if (!paid) return Cost.FREE;
        return new Cost(usd, Cost.Source.PRICING_TABLE);
    }

    /** One answer's line: {@code 1,204 in · 87 out · $0.0031}. */
    static String line(AgentResult result) {
        return tokens(result.usage()) + " · " + Words.cost(result.cost());
    }

    static String tokens(Usage usage) {
        return String.format(
                        Locale.ROOT,
                        "%,d in · %,d out",
                        usage.inputTokens() + usage.cacheReadTokens() + usage.cacheWriteTokens(),
                        usage.outputTokens())
                + (usage.cacheReadTokens() > 0
                        ? String.format(Locale.ROOT, " (%,d cached)", usage.cacheReadTokens())
                        : "");
    }
}
