package dev.marble.chain;

/**
 * A chain's own {@code telegram} object. Null components (and 0 for the interval) mean "not set in
 * this chain": the global configuration applies. The token itself never appears here, only the name
 * of the environment variable that holds it.
 *
 * @param updateEveryNLinks send a status message after every n-th link; 0 means only the links
 *                          marked {@code telegram_update} (llmauto documented this key but ignored it)
 */
public record TelegramSettings(Boolean enabled, String botTokenEnv, String chatId, int updateEveryNLinks) {}
