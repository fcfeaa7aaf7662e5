package dev.marble.temporal.chain;

import dev.marble.chain.ChainDefaults;
import dev.marble.chain.ChainMode;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.LinkSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the workflow needs of a chain file to make {@link dev.marble.chain.run.ChainStep}'s decisions: the mode, the
 * limits, the links' names and assignment rules, the zone the deadline's day is judged in. The worker that loads the
 * file sends it; the workflow rebuilds a {@link ChainSpec} of it (prompts and tools stay on the worker), so the same
 * pure decisions run in workflow code, replayed from history on any worker.
 */
public record ChainOutline(
        String name,
        String mode,
        int maxRounds,
        double runtimeHours,
        String deadline,
        int maxConsecutiveBlocks,
        int maxConsecutiveFailures,
        String budgetUsd,
        long pauseMillis,
        String defaultModel,
        String zone,
        List<LinkOutline> links) {

    /** A link as the decisions see it. */
    public record LinkOutline(String name, String role, String model, boolean skipUnlessAssigned) {}

    public static ChainOutline of(ChainSpec chain, String zone) {
        return new ChainOutline(
                chain.name(),
                chain.mode().wireName(),
                chain.maxRounds(),
                chain.runtimeHours(),
                chain.deadline() == null ? null : chain.deadline().toString(),
                chain.maxConsecutiveBlocks(),
                chain.maxConsecutiveFailures(),
                chain.budgetUsd() == null ? null : chain.budgetUsd().toPlainString(),
                chain.pauseBetweenLinks().toMillis(),
                chain.defaults().model(),
                zone,
                chain.links().stream()
                        .map(link -> new LinkOutline(link.name(), link.role(), link.model(), link.skipUnlessAssigned()))
                        .toList());
    }

    /** The chain as the decisions need it: the same limits and links, no prompts. */
    public ChainSpec spec() {
        List<LinkSpec> specs = new java.util.ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            LinkOutline link = links.get(i);
            specs.add(new LinkSpec(
                    i,
                    link.name(),
                    link.role(),
                    link.model(),
                    null,
                    null,
                    false,
                    false,
                    false,
                    link.skipUnlessAssigned(),
                    null,
                    null,
                    null,
                    null));
        }
        return new ChainSpec(
                name,
                null,
                null,
                ChainMode.fromWire(mode).orElseThrow(),
                maxRounds,
                runtimeHours,
                deadline == null ? null : LocalDate.parse(deadline),
                maxConsecutiveBlocks,
                maxConsecutiveFailures,
                Duration.ofMillis(pauseMillis),
                false,
                budgetUsd == null ? null : new BigDecimal(budgetUsd),
                new ChainDefaults(defaultModel, null, null, null, null),
                specs,
                Map.of(),
                null,
                null,
                List.of());
    }
}
