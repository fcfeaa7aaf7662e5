package dev.marble.api;

import dev.marble.Marble;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.notify.Notifications;
import dev.marble.chain.notify.Notifier;
import dev.marble.chain.notify.NotifierContext;
import dev.marble.chain.notify.NotifierFactory;
import dev.marble.chain.notify.TelegramConfig;
import dev.marble.chain.notify.WebhookConfig;
import dev.marble.config.MarbleConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a chain takes from marble.json beside its own file: llmauto's {@code known_user_homes}, and the
 * notification settings, where the chain's own {@code telegram} keys win over the configured ones key by key.
 */
public final class ChainSettings {

    private ChainSettings() {}

    public static List<String> knownUserHomes(MarbleConfig config) {
        return config.find("known_user_homes").isPresent()
                ? config.textList("known_user_homes").value()
                : List.of();
    }

    public static TelegramConfig telegram(ChainSpec chain, MarbleConfig config) {
        return TelegramConfig.of(chain, config);
    }

    public static WebhookConfig webhook(ChainSpec chain) {
        return WebhookConfig.of(chain);
    }

    /** The chain's notifications from every {@link NotifierFactory} on the class path (Telegram and webhook too). */
    public static Notifications notifications(ChainSpec chain, Marble marble, Consumer<String> log) {
        return notifications(chain, marble, List.of(), log);
    }

    /** As {@link #notifications(ChainSpec, Marble, Consumer)}, with notifiers made in code after those found. */
    public static Notifications notifications(
            ChainSpec chain, Marble marble, List<? extends Notifier> extra, Consumer<String> log) {
        List<NotifierFactory> factories = new ArrayList<>(NotifierFactory.discovered());
        extra.forEach(notifier -> factories.add(NotifierFactory.of(notifier)));
        NotifierContext context = new NotifierContext(chain, marble.config(), marble.environment(), marble.redactor());
        Notifications notifications = Notifications.forChain(context, factories, log);
        notifications.problems().forEach(problem -> log.accept("NOTIFICATIONS: " + problem));
        return notifications;
    }
}
