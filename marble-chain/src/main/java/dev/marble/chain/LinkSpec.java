package dev.marble.chain;

import dev.marble.error.SourceLocation;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * One link of a chain: one agent run per round.
 *
 * @param index              the link's 0-based position in {@code links}
 * @param name               {@code link-<index+1>} when the file gives none; several links may share a
 *                           name (llmauto's shipped chains do, to continue one session)
 * @param model              null when the link sets none (chain defaults, then global config apply)
 * @param fallbackModel      null when none
 * @param prompt             the prompt key, file or inline text as written; "" when absent
 * @param continueSession    the file's {@code continue}: resume this link's own session each round
 * @param untilFull          append the "your context is the limit" paragraph to the prompt
 * @param skipUnlessAssigned skip without calling a model unless the handoff assigns this link
 * @param tools              null when the link does not restrict its tools
 * @param budgetUsd          null when none
 * @param timeout            null when the link sets none
 * @param location           where the link's object starts in the file, named {@code links[index]}
 */
public record LinkSpec(
        int index,
        String name,
        String role,
        String model,
        String fallbackModel,
        String prompt,
        boolean continueSession,
        boolean untilFull,
        boolean telegramUpdate,
        boolean skipUnlessAssigned,
        List<String> tools,
        BigDecimal budgetUsd,
        Duration timeout,
        SourceLocation location) {

    public LinkSpec {
        tools = tools == null ? null : List.copyOf(tools);
    }

    /** The field name of one of this link's keys, as error messages write it: {@code links[2].model}. */
    public String field(String key) {
        return "links[" + index + "]." + key;
    }
}
