package dev.marble.chain;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A chain file, read and checked: everything the runner needs, with llmauto's defaults applied.
 *
 * @param name                   the file name without {@code .json}: a chain's identity (its state directory), as in
 * llmauto
 * @param file                   the absolute path of the chain file
 * @param maxRounds              0 means unlimited
 * @param runtimeHours           0 means unlimited
 * @param deadline               the last day the chain may run; null when none
 * @param maxConsecutiveBlocks   stop after this many trailing BLOCKED lines in the handoff
 * @param maxConsecutiveFailures stop after this many failed links in a row
 * @param pauseBetweenLinks      wait after each link (llmauto: a fixed 5 s; Marble: 0 unless set)
 * @param skipProtection         whether the skip-protection heuristic restores the handoff
 * @param budgetUsd              the chain's spending limit; null when none
 * @param prompts                the {@code prompts} object in file order
 * @param telegram               the chain's own {@code telegram} object; null when the file has none
 * @param webhook                null when the file has none
 * @param unknownKeys            keys Marble does not know, as dotted paths ({@code links[0].modle}), in file order
 */
public record ChainSpec(
        String name,
        Path file,
        String description,
        ChainMode mode,
        int maxRounds,
        double runtimeHours,
        LocalDate deadline,
        int maxConsecutiveBlocks,
        int maxConsecutiveFailures,
        Duration pauseBetweenLinks,
        boolean skipProtection,
        BigDecimal budgetUsd,
        ChainDefaults defaults,
        List<LinkSpec> links,
        Map<String, PromptSource> prompts,
        TelegramSettings telegram,
        WebhookSettings webhook,
        List<String> unknownKeys) {

    public ChainSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(defaults, "defaults");
        links = List.copyOf(links);
        prompts = Collections.unmodifiableMap(new LinkedHashMap<>(prompts));
        unknownKeys = List.copyOf(unknownKeys);
    }
}
