package dev.marble.store;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * What the calls below a run, a link, a round or a chain run add up to.
 *
 * @param costUsd the dollars of the calls whose price is known
 * @param unpricedModels the models (comma-separated) of calls whose price is unknown; null when every price is known
 */
public record Totals(
        long calls,
        long inputTokens,
        long outputTokens,
        long cacheReadTokens,
        long cacheWriteTokens,
        double costUsd,
        String unpricedModels) {

    public static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0, null);

    /** Whether {@link #costUsd} is the whole cost: every call below had a known price. */
    public boolean costKnown() {
        return unpricedModels == null;
    }

    public List<String> unpriced() {
        return unpricedModels == null ? List.of() : Arrays.asList(unpricedModels.split(","));
    }

    public long tokens() {
        return inputTokens + outputTokens + cacheReadTokens + cacheWriteTokens;
    }

    /** This and {@code other} together. */
    public Totals plus(Totals other) {
        TreeSet<String> models = new TreeSet<>(unpriced());
        models.addAll(other.unpriced());
        return new Totals(
                calls + other.calls,
                inputTokens + other.inputTokens,
                outputTokens + other.outputTokens,
                cacheReadTokens + other.cacheReadTokens,
                cacheWriteTokens + other.cacheWriteTokens,
                BigDecimal.valueOf(costUsd)
                        .add(BigDecimal.valueOf(other.costUsd))
                        .doubleValue(),
                models.isEmpty() ? null : String.join(",", models));
    }
}
