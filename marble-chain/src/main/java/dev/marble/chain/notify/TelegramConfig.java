package dev.marble.chain.notify;

import dev.marble.chain.ChainSpec;
import dev.marble.chain.TelegramSettings;
import dev.marble.config.MarbleConfig;
import dev.marble.config.Setting;
import java.net.URI;
import java.util.List;

/**
 * Telegram settings as the chain runner hands them over, merged from the global config and the chain
 * file's {@code telegram} object. The token itself is never here: {@code botTokenEnv} names the
 * environment variable that holds it, as in llmauto.
 *
 * @param botTokenEnv       the variable with the bot token; blank means {@link #DEFAULT_TOKEN_VARIABLE}
 * @param updateEveryNLinks besides links with {@code telegram_update}, an update after every n-th finished
 *                          link; 0 = only those links (llmauto documented this key but never read it)
 * @param apiBase           the Bot API; {@code null} means {@link TelegramNotifier#DEFAULT_API_BASE}
 */
public record TelegramConfig(boolean enabled, String botTokenEnv, String chatId, int updateEveryNLinks, URI apiBase) {

    /** llmauto's default variable, so an llmauto setup works unchanged. */
    public static final String DEFAULT_TOKEN_VARIABLE = "LLMAUTO_TELEGRAM_BOT_TOKEN";
    /** Marble's own name for it, accepted as well (the README's global-config default). */
    public static final String MARBLE_TOKEN_VARIABLE = "MARBLE_TELEGRAM_BOT_TOKEN";

    public TelegramConfig {
        botTokenEnv = botTokenEnv == null || botTokenEnv.isBlank() ? DEFAULT_TOKEN_VARIABLE : botTokenEnv.strip();
        chatId = chatId == null ? "" : chatId.strip();
        if (updateEveryNLinks < 0) throw new IllegalArgumentException("updateEveryNLinks must be 0 or more");
        if (apiBase == null) apiBase = TelegramNotifier.DEFAULT_API_BASE;
    }

    /** The chain file's own {@code telegram} keys, each over marble.json's {@code telegram.*} of the same name. */
    public static TelegramConfig of(ChainSpec chain, MarbleConfig config) {
        TelegramSettings own = chain.telegram();
        boolean enabled = own != null && own.enabled() != null
                ? own.enabled()
                : config.flag("telegram.enabled", false).value();
        String tokenVariable = own != null && own.botTokenEnv() != null
                ? own.botTokenEnv()
                : config.text("telegram.bot_token_env").map(Setting::value).orElse(null);
        String chatId = own != null && own.chatId() != null
                ? own.chatId()
                : config.text("telegram.chat_id").map(Setting::value).orElse(null);
        int every = own != null && own.updateEveryNLinks() > 0
                ? own.updateEveryNLinks()
                : (int) config.number("telegram.update_every_n_links", 0)
                        .value()
                        .longValue();
        URI apiBase =
                config.text("telegram.api_base").map(s -> URI.create(s.value())).orElse(null);
        return new TelegramConfig(enabled, tokenVariable, chatId, every, apiBase);
    }

    public static TelegramConfig disabled() {
        return new TelegramConfig(false, null, "", 0, null);
    }

    /**
     * The variables that may hold the token, in the order they are read. The two well-known names stand in
     * for each other; a variable the user named explicitly stands alone, since falling back to some other
     * bot's token would post to the wrong place without a word.
     */
    public List<String> tokenVariables() {
        if (botTokenEnv.equals(DEFAULT_TOKEN_VARIABLE)) return List.of(DEFAULT_TOKEN_VARIABLE, MARBLE_TOKEN_VARIABLE);
        if (botTokenEnv.equals(MARBLE_TOKEN_VARIABLE)) return List.of(MARBLE_TOKEN_VARIABLE, DEFAULT_TOKEN_VARIABLE);
        return List.of(botTokenEnv);
    }

    /**
     * Whether a link that just finished deserves a {@code LINK_DONE} update: it asked for one
     * ({@code telegram_update}), or it is the n-th link finished in this run.
     */
    public boolean linkUpdateDue(int linksFinished, boolean linkAsksForUpdate) {
        return linkAsksForUpdate
                || updateEveryNLinks > 0 && linksFinished > 0 && linksFinished % updateEveryNLinks == 0;
    }
}
