package dev.marble.api;

import dev.marble.Marble;
import dev.marble.agent.RunServices;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.PromptResolver;
import dev.marble.chain.TelegramSettings;
import dev.marble.chain.notify.Notifications;
import dev.marble.chain.notify.Notifier;
import dev.marble.chain.run.ChainConfiguration;
import dev.marble.chain.run.ChainLog;
import dev.marble.chain.run.ChainParts;
import dev.marble.chain.run.ChainPlace;
import dev.marble.chain.run.ChainRun;
import dev.marble.chain.run.ChainStep;
import dev.marble.chain.run.LinkRunner;
import dev.marble.chain.state.StateDir;
import dev.marble.format.chain.ChainLoader;
import dev.marble.format.chain.LoadedChain;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Marble runs for library users: a chain file (llmauto's format) loaded and started in the foreground, laid out as
 * {@code marble chain} lays it out ({@code chains/}, {@code prompts/}, {@code state/}, {@code logs/} under the
 * project), so {@code marble chain status} and {@code stop} work on a chain started from code. A chain written in
 * code is a {@link ChainBuilder} that writes that file.
 * <pre>{@code
 * Path file = Chains.builder("review").maxRounds(3)
 *         .link("worker", "anthropic:claude-sonnet-4-6", "Improve the draft; hand off in the handoff file.")
 *         .link("controller", "anthropic:claude-haiku-4-5", "Write ALL_DONE when the draft is good.")
 *         .writeTo(project);
 * ChainRun.Result result = Chains.start(marble, project, file, System.out);
 * }</pre>
 */
public final class Chains {

    private Chains() {}

    public static ChainBuilder builder(String name) {
        return new ChainBuilder(name);
    }

    /** Loads a chain file as {@code marble chain start} does: located errors, warnings to Marble's warnings. */
    public static ChainSpec load(Marble marble, Path chainFile) {
        LoadedChain loaded = ChainLoader.load(
                chainFile,
                ChainSettings.knownUserHomes(marble.config()),
                marble.environment().home());
        loaded.warnings().forEach(warning -> marble.warn("warning: " + warning));
        ChainTools.check(loaded.spec());
        TelegramSettings telegram = loaded.spec().telegram();
        if (telegram != null && telegram.botTokenEnv() != null) {
            // As marble.json's *_env keys are: a secret before any link runs, whether or not notifications are on.
            marble.redactor()
                    .registerVariables(
                            List.of(telegram.botTokenEnv()),
                            marble.environment().variables());
        }
        return loaded.spec();
    }

    /**
     * Loads and runs the chain in {@code chainFile} until a shutdown condition holds, in the foreground.
     *
     * @param project the folder links run in, with the chain's {@code prompts/}, {@code state/} and {@code logs/}
     * @param echo    where the chain's log lines are printed as well as written to {@code logs/}; null for none
     */
    public static ChainRun.Result start(Marble marble, Path project, Path chainFile, PrintStream echo) {
        return start(marble, project, load(marble, chainFile), echo);
    }

    /** Runs a loaded chain; its links' model calls are journaled when Marble's journal is open. */
    public static ChainRun.Result start(Marble marble, Path project, ChainSpec chain, PrintStream echo) {
        return start(marble, project, chain, echo, List.of());
    }

    /**
     * As {@link #start(Marble, Path, ChainSpec, PrintStream)}, with {@code notifiers} made in code getting the
     * chain's updates beside those on the class path (Telegram and the webhook when configured).
     */
    public static ChainRun.Result start(
            Marble marble, Path project, ChainSpec chain, PrintStream echo, List<? extends Notifier> notifiers) {
        ChainParts parts = parts(marble, project, chain, echo);
        // The local zone: a chain's deadline is a day where it runs.
        RunServices services = marble.services().withClock(Clock.systemDefaultZone());
        try (Notifications notifications = ChainSettings.notifications(
                chain, marble, notifiers, parts.place().log()::line)) {
            return new ChainRun(services, parts, notifications, ChainSettings.telegram(chain, marble.config())).start();
        }
    }

    /**
     * What a start of {@code chain} in {@code project} is made of, laid out as {@code marble chain} lays it out: for a
     * driver of its own (a workflow engine's worker) that performs the steps through
     * {@link dev.marble.chain.run.SteppedChainRun}, so its files look as a local start's do.
     */
    public static ChainParts parts(Marble marble, Path project, ChainSpec chain, PrintStream echo) {
        Path root = project.toAbsolutePath().normalize();
        StateDir state = StateDir.of(root.resolve("state"), chain.name());
        ChainLog log =
                new ChainLog(root.resolve("logs"), chain.name(), echo, Clock.systemDefaultZone(), marble.redactor());
        List<String> toolWarnings = new ArrayList<>();
        LinkRunner links = new LinkRunner(marble, link -> ChainTools.registry(link, marble, toolWarnings));
        PromptResolver prompts = new PromptResolver(root);
        ChainConfiguration configuration = ChainConfiguration.of(
                chain,
                prompts,
                marble.environment().workingDirectory(),
                marble.config().layers().stream()
                        .map(layer -> layer.document().file())
                        .filter(Objects::nonNull)
                        .toList());
        return new ChainParts(ChainStep.of(chain), prompts, configuration, links, new ChainPlace(root, state, log));
    }
}
