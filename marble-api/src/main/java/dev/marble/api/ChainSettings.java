package dev.marble.api;

import dev.marble.Marble;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.TelegramSettings;
import dev.marble.chain.WebhookSettings;
import dev.marble.chain.notify.Notifications;
import dev.marble.chain.notify.TelegramConfig;
import dev.marble.chain.notify.WebhookConfig;
import dev.marble.config.MarbleConfig;

import java.net.URI;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a chain takes from marble.json beside its own file: llmauto's {@code known_user_homes}, and the
 * notification settings, where the chain's own {@code telegram} keys win over the configured ones key by key.
 */
public final class ChainSettings {

    private ChainSettings() {}

    public static List<String> knownUserHomes(MarbleConfig config) {
        return config.find("known_user_homes").isPresent() ? config.textList("known_user_homes").value() : List.of();
    }

    public static TelegramConfig telegram(ChainSpec chain, MarbleConfig config) {
        TelegramSettings own = chain.telegram();
        boolean enabled = own != null && own.enabled() != null ? own.enabled()
                : config.flag("telegram.enabled", false).value();
        String tokenVariable = own != null && own.botTokenEnv() != null ? own.botTokenEnv()
                : config.text("telegram.bot_token_env").map(s -> s.value()).orElse(null);
        String chatId = own != null && own.chatId() != null ? own.chatId()
                : config.text("telegram.chat_id").map(s -> s.value()).orElse(null);
        int every = own != null && own.updateEveryNLinks() > 0 ? own.updateEveryNLinks()
                : (int) config.number("telegram.update_every_n_links", 0).value().longValue();
        URI apiBase = config.text("telegram.api_base").map(s -> URI.create(s.value())).orElse(null);
        return new TelegramConfig(enabled, tokenVariable, chatId, every, apiBase);
    }

    public static WebhookConfig webhook(ChainSpec chain) {
        WebhookSettings own = chain.webhook();
        return own == null ? WebhookConfig.disabled() : new WebhookConfig(true, own.url().toString(), own.headers());
    }

    public static Notifications notifications(ChainSpec chain, Marble marble, Consumer<String> log) {
        Notifications notifications = Notifications.from(telegram(chain, marble.config()), webhook(chain),
                marble.environment(), marble.redactor(), log);
        notifications.problems().forEach(problem -> log.accept("NOTIFICATIONS: " + problem));
        return notifications;
    }
}
