package dev.marble.cost;

import dev.marble.model.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** USD per million tokens of each kind. A kind with no price given costs what input costs, never nothing. */
public record Price(BigDecimal input, BigDecimal output, BigDecimal cacheRead, BigDecimal cacheWrite) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public BigDecimal cost(Usage usage) {
        BigDecimal total = input.multiply(BigDecimal.valueOf(usage.inputTokens()))
                .add(output.multiply(BigDecimal.valueOf(usage.outputTokens())))
                .add(cacheRead.multiply(BigDecimal.valueOf(usage.cacheReadTokens())))
                .add(cacheWrite.multiply(BigDecimal.valueOf(usage.cacheWriteTokens())));
        BigDecimal usd = total.divide(MILLION, 12, RoundingMode.HALF_UP).stripTrailingZeros();
        return usd.scale() < 0 ? usd.setScale(0) : usd; // 20, never 2E+1, in JSON and on screen
    }
}
