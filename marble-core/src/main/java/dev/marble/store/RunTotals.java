package dev.marble.store;

import java.math.BigDecimal;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tokens and dollars of the calls below a run or a link, added up as the calls land, so that every level of a
 * chain's tree shows exactly the sum of its calls. Dollars are the sum of the calls whose price is known; the models
 * whose price is not are named, so "unknown" always says which model it is about. Only the journal's writer thread
 * touches one.
 */
final class RunTotals {

    private long calls;
    private long inputTokens;
    private long outputTokens;
    private long cacheReadTokens;
    private long cacheWriteTokens;
    private BigDecimal costUsd = BigDecimal.ZERO;
    private final Set<String> unpricedModels = new TreeSet<>();

    void add(CallRecord call) {
        calls++;
        inputTokens += zeroIfNull(call.inputTokens());
        outputTokens += zeroIfNull(call.outputTokens());
        cacheReadTokens += zeroIfNull(call.cacheReadTokens());
        cacheWriteTokens += zeroIfNull(call.cacheWriteTokens());
        // A failed call has no usage and bills nothing; a call that answered without a price is unknown.
        if (call.costUsd() != null) costUsd = costUsd.add(BigDecimal.valueOf(call.costUsd()));
        else if ("ok".equals(call.status()))
            unpricedModels.add(call.modelUsed() != null ? call.modelUsed() : call.model());
    }

    Totals snapshot() {
        return new Totals(
                calls,
                inputTokens,
                outputTokens,
                cacheReadTokens,
                cacheWriteTokens,
                costUsd.doubleValue(),
                unpricedModels.isEmpty() ? null : String.join(",", unpricedModels));
    }

    private static long zeroIfNull(Long value) {
        return value == null ? 0 : value;
    }
}
