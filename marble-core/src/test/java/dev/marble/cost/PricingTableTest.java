package dev.marble.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.config.ConfigLoader;
import dev.marble.config.Environment;
import dev.marble.model.Usage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PricingTableTest {

    @TempDir
    Path temp;

    @Test
    void pricesEveryKindOfToken() {
        // 1M uncached input at $3, 100k output at $15, 2M cache reads at $0.30, 400k cache writes at $3.75
        Usage usage = new Usage(1_000_000, 100_000, 2_000_000, 400_000);
        assertThat(PricingTable.shipped().cost("claude-sonnet-4-6", usage)).contains(new BigDecimal("6.6"));
    }

    @Test
    void datedAndVendorPrefixedIdsFindTheirPrice() {
        PricingTable table = PricingTable.shipped();
        assertThat(table.find("claude-haiku-4-5-20251001")).isEqualTo(table.find("claude-haiku-4-5"));
        assertThat(table.find("anthropic/claude-opus-4-6")).isEqualTo(table.find("claude-opus-4-6"));
        assertThat(table.find("gpt-4.1-mini-2025-04-14")).isEqualTo(table.find("gpt-4.1-mini"));
        assertThat(table.find("gpt-4.1-mini")).isNotEqualTo(table.find("gpt-4.1"));
        assertThat(table.find("qwen3:8b")).isEmpty();
    }

    @Test
    void vertexModelIdsWithAnAtDateFindTheirPrice() {
        PricingTable table = PricingTable.shipped();
        assertThat(table.find("claude-sonnet-4-5@20250929")).isPresent().isEqualTo(table.find("claude-sonnet-4-5"));
        assertThat(table.find("claude-opus-4-1@20250805")).isEqualTo(table.find("claude-opus-4-1"));
    }

    @Test
    void configurationOverridesAndExtendsTheTable() throws IOException {
        Files.writeString(temp.resolve("marble.json"), """
                {"pricing": {"claude-sonnet-4-6": {"output": 20}, "qwen3": {"input": 0, "output": 0}}}""");
        PricingTable table = PricingTable.from(ConfigLoader.load(new Environment(Map.of(), temp, temp)));
        assertThat(table.cost("claude-sonnet-4-6", new Usage(0, 1_000_000, 0, 0)))
                .contains(new BigDecimal("20"));
        assertThat(table.cost("claude-sonnet-4-6", new Usage(1_000_000, 0, 0, 0)))
                .contains(new BigDecimal("3"));
        assertThat(table.cost("qwen3", new Usage(5000, 5000, 0, 0))).contains(BigDecimal.ZERO);
    }
}
