package dev.marble.cost;

import dev.marble.config.MarbleConfig;
import dev.marble.json.Json;
import dev.marble.model.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Prices per model id: the table shipped with Marble ({@code pricing.json}), extended and overridden
 * by the {@code pricing} object in configuration. A model is found by its exact id, else by the
 * longest listed id it starts with followed by {@code -} or {@code @} (dated ids, as Anthropic and Vertex AI write
 * them), after dropping a vendor prefix
 * such as OpenRouter's {@code anthropic/}.
 */
public final class PricingTable {

    /** Read on the first lookup: parsing the shipped table is not every command's business (a replay is free). */
    private final Supplier<Map<String, Price>> source;

    private volatile Map<String, Price> prices;

    private PricingTable(Supplier<Map<String, Price>> source) {
        this.source = source;
    }

    private PricingTable(Map<String, Price> prices) {
        this.source = null;
        this.prices = Map.copyOf(prices);
    }

    private Map<String, Price> prices() {
        Map<String, Price> read = prices;
        if (read == null) {
            synchronized (this) {
                if (prices == null) prices = Map.copyOf(source.get());
                read = prices;
            }
        }
        return read;
    }

    public static PricingTable shipped() {
        try (InputStream in = PricingTable.class.getResourceAsStream("pricing.json")) {
            if (in == null) throw new IllegalStateException("pricing.json is missing from the build");
            Map<String, Price> prices = new HashMap<>();
            Json.mapper().readTree(in).path("models").forEachEntry((id, node) -> prices.put(id, price(node, null)));
            return new PricingTable(prices);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped table with the configuration's {@code pricing} entries laid over it, read when first asked. */
    public static PricingTable from(MarbleConfig config) {
        return new PricingTable(() -> {
            Map<String, Price> shipped = shipped().prices();
            Map<String, Price> prices = new HashMap<>(shipped);
            config.entries("pricing").forEach((id, setting) -> prices.put(id, price(setting.value(), shipped.get(id))));
            return prices;
        });
    }

    public Optional<Price> find(String modelId) {
        String id = modelId.contains("/") ? modelId.substring(modelId.lastIndexOf('/') + 1) : modelId;
        Map<String, Price> prices = prices();
        Price exact = prices.get(id);
        if (exact != null) return Optional.of(exact);
        String best = null;
        for (String known : prices.keySet()) {
            boolean dated = id.startsWith(known + "-") || id.startsWith(known + "@"); // Vertex writes model@date
            if (dated && (best == null || known.length() > best.length())) best = known;
        }
        return Optional.ofNullable(best == null ? null : prices.get(best));
    }

    public Optional<BigDecimal> cost(String modelId, Usage usage) {
        return find(modelId).map(price -> price.cost(usage));
    }

    /** A price from configuration: missing kinds come from {@code base}, else from the input price. */
    private static Price price(JsonNode node, Price base) {
        BigDecimal input = decimal(node, "input", base == null ? BigDecimal.ZERO : base.input());
        return new Price(
                input,
                decimal(node, "output", base == null ? input : base.output()),
                decimal(node, "cache_read", base == null ? input : base.cacheRead()),
                decimal(node, "cache_write", base == null ? input : base.cacheWrite()));
    }

    private static BigDecimal decimal(JsonNode node, String field, BigDecimal fallback) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.decimalValue() : fallback;
    }
}
