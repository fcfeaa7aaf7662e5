package dev.marble.chain.run;

import dev.marble.agent.Condition;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.LinkSpec;
import dev.marble.chain.run.ChainDecision.AfterLink;
import dev.marble.chain.run.ChainDecision.BeforeLink;
import dev.marble.chain.state.ChainState;
import dev.marble.chain.state.Handoff;
import dev.marble.chain.state.Limits;
import dev.marble.chain.state.Progress;
import dev.marble.chain.state.Shutdown;
import dev.marble.chain.state.ShutdownCheck;
import dev.marble.chain.state.ShutdownCondition;
import dev.marble.event.LinkOutcome;
import dev.marble.model.Cost;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The chain's decisions, apart from their effects: given the chain, the state a driver read (the cursor, the
 * state directory's words, the handoff, the clock's reading) and what a link came to, what happens next. Pure and
 * deterministic: it reads no clock, no file and no thread state, so {@link ChainRun} and any other driver (a test,
 * a workflow engine) take the same steps from the same inputs.
 *
 * <p>Before each link: the shutdown conditions in order (llmauto's, then any added), then an interrupt, then the
 * link the cursor points at, skipped when it runs only when assigned and the handoff assigns another. After it:
 * the round it ended is complete, and a single-pass chain with it.
 */
public final class ChainStep {

    private final ChainSpec chain;
    private final List<ShutdownCondition> conditions;

    /** {@code conditions}: checked in this order before every link; the first that holds stops the chain. */
    public ChainStep(ChainSpec chain, List<ShutdownCondition> conditions) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.conditions = List.copyOf(conditions);
        if (chain.links().isEmpty()) throw new IllegalArgumentException("a chain has at least one link");
    }

    /** The chain's own limits as llmauto's conditions, in llmauto's order. */
    public static ChainStep of(ChainSpec chain) {
        return new ChainStep(chain, ShutdownCheck.conditions(limits(chain)));
    }

    /** The limits the chain file sets. */
    public static Limits limits(ChainSpec chain) {
        return new Limits(
                chain.maxRounds(),
                chain.runtimeHours(),
                chain.deadline(),
                chain.maxConsecutiveBlocks(),
                chain.maxConsecutiveFailures(),
                chain.budgetUsd());
    }

    /** These decisions with {@code condition} checked after the others. */
    public ChainStep withCondition(ShutdownCondition condition) {
        List<ShutdownCondition> more = new ArrayList<>(conditions);
        more.add(Objects.requireNonNull(condition, "condition"));
        return new ChainStep(chain, more);
    }

    public ChainSpec chain() {
        return chain;
    }

    public List<ShutdownCondition> conditions() {
        return conditions;
    }

    /**
     * What to do before the next link.
     *
     * @param interrupted whether the driver was asked to stop (its thread's interrupt), passed in as a value
     */
    public BeforeLink next(ChainState state, boolean interrupted) {
        Optional<Shutdown> shutdown = Condition.first(conditions, state);
        if (shutdown.isPresent()) return new ChainDecision.ShutDown(shutdown.get());
        if (interrupted) return new ChainDecision.Interrupted();
        Progress cursor = state.progress();
        int index = cursor.nextLink();
        if (index >= chain.links().size()) {
            return new ChainDecision.NextRound(new Progress(
                    cursor.round() + 1,
                    0,
                    null,
                    cursor.sessions(),
                    cursor.consecutiveFailures(),
                    cursor.costUsd(),
                    cursor.activeSeconds()));
        }
        LinkSpec link = chain.links().get(index);
        int round = cursor.round() + 1;
        if (link.skipUnlessAssigned() && !assigned(state.handoff(), link, modelOf(link))) {
            return new ChainDecision.SkipLink(
                    round,
                    index,
                    link,
                    Handoff.assigned(state.handoff()).orElse("nobody"),
                    cursor.finished(chain.links().size(), LinkOutcome.SKIPPED, null));
        }
        return new ChainDecision.RunLink(round, index, link, cursor.inFlight() != null);
    }

    /**
     * What to do after a link of round {@code round} (1-based) ran or was skipped, with {@code outcome}, leaving the
     * cursor at {@code cursor}.
     */
    public AfterLink afterLink(int round, LinkOutcome outcome, Progress cursor) {
        if (outcome == LinkOutcome.INTERRUPTED) return new ChainDecision.Interrupted();
        if (cursor.round() < round) return new ChainDecision.NextLink();
        return chain.mode().singlePass()
                ? new ChainDecision.Completed(cursor.round())
                : new ChainDecision.RoundComplete(cursor.round());
    }

    /** The cursor once the link it points at ended with {@code outcome} (not interrupted), at {@code cost}. */
    public Progress finished(Progress cursor, LinkOutcome outcome, Cost cost) {
        return cursor.finished(chain.links().size(), outcome, cost.known() ? cost.usd() : null);
    }

    /**
     * At a start: the cursor with its failures counted afresh, when failures stopped the last start ({@code
     * lastShutdown} is why it stopped). Starting such a chain is the person saying they fixed the cause; a resume
     * after a kill keeps the count, since nobody looked. Empty when the count stays.
     */
    public Optional<Progress> failuresForgiven(Progress cursor, Optional<String> lastShutdown) {
        boolean failuresStopped = lastShutdown.orElse("").startsWith(Shutdown.Reason.MAX_FAILURES.name());
        if (cursor.consecutiveFailures() == 0 || !failuresStopped) return Optional.empty();
        return Optional.of(new Progress(
                cursor.round(),
                cursor.nextLink(),
                cursor.inFlight(),
                cursor.sessions(),
                0,
                cursor.costUsd(),
                cursor.activeSeconds()));
    }

    /** The model the link runs on: its own, else the chain's default (null when the configuration decides). */
    private String modelOf(LinkSpec link) {
        return link.model() != null ? link.model() : chain.defaults().model();
    }

    /**
     * Whether the handoff's last ASSIGNED line selects the link (case ignored). Its first word selects a link it
     * names exactly (name, role or model), a link whose name begins with it as a whole word ({@code opus} selects
     * {@code opus-worker}), or a link whose model is of that family ({@code opus} selects {@code claude-opus-4-6}):
     * llmauto's controllers write {@code ASSIGNED: opus} or {@code ASSIGNED: sonnet}, naming the kind of worker.
     */
    static boolean assigned(String handoff, LinkSpec link, String model) {
        String who = firstWord(Handoff.assigned(handoff).orElse(""));
        if (who.isEmpty()) return false;
        String name = lower(link.name());
        return who.equals(name)
                || who.equals(lower(link.role()))
                || (model != null
                        && (who.equals(lower(model)) || family(lower(model)).contains(who)))
                || startsWithWord(name, who);
    }

    /** The words of a model id after its vendor: {@code claude-opus-4-6} is of family {@code opus}. */
    private static List<String> family(String model) {
        List<String> words = List.of(model.split("[-_.:/]"));
        if (words.size() < 2) return List.of();
        return words.subList(1, words.size()).stream()
                .filter(word -> word.chars().allMatch(Character::isLetter))
                .toList();
    }

    private static boolean startsWithWord(String name, String word) {
        return name.startsWith(word)
                && name.length() > word.length()
                && "-_. ".indexOf(name.charAt(word.length())) >= 0;
    }

    /** The value up to its first blank or bracket: {@code opus (architecture)} is {@code opus}. */
    private static String firstWord(String value) {
        String word = lower(value.strip()).split("[\\s(\\[,;]", 2)[0];
        return word.endsWith(":") || word.endsWith(".") ? word.substring(0, word.length() - 1) : word;
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }
}
