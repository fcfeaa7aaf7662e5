package dev.marble.temporal.agent;

import java.math.BigDecimal;

/**
 * What a call spent: tokens, and dollars when known.
 *
 * @param usd        null when the call had no price
 * @param costSource {@code dev.marble.model.Cost.Source}'s constant name
 */
public record Spent(Tokens tokens, BigDecimal usd, String costSource, String model) {

    /** Token counts, as {@code dev.marble.model.Usage}. */
    public record Tokens(long input, long output, long cacheRead, long cacheWrite) {}
}
