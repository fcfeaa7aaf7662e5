package dev.marble.chain.notify;

import dev.marble.config.Environment;
import dev.marble.secret.SecretRedactor;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Telegram, registered as any notifier is. Decides, as llmauto did, whether it is on: only when enabled and both the
 * token (from the variable {@code bot_token_env} names) and {@code chat_id} are set, the chain's own {@code telegram}
 * keys over marble.json's. Unlike llmauto, which said nothing, it says why not in one line.
 */
public final class TelegramNotifierFactory implements NotifierFactory {

    @Override
    public String name() {
        return "telegram";
    }

    @Override
    public Channel create(NotifierContext context) {
        return channel(
                TelegramConfig.of(context.chain(), context.config()),
                context.environment(),
                context.redactor(),
                context::http);
    }

    static Channel channel(
            TelegramConfig config, Environment environment, SecretRedactor redactor, Supplier<HttpClient> client) {
        if (!config.enabled()) return new Channel.Off("telegram: off (telegram.enabled is false)", false);
        Optional<String> variable = config.tokenVariables().stream()
                .filter(name -> environment.get(name).isPresent())
                .findFirst();
        List<String> missing = new ArrayList<>();
        if (variable.isEmpty()) {
            List<String> names = config.tokenVariables();
            missing.add("no bot token (" + names.getFirst() + " is not set"
                    + (names.size() > 1 ? ", nor " + names.get(1) : "")
                    + "; telegram.bot_token_env names the variable)");
        }
        if (config.chatId().isEmpty()) missing.add("telegram.chat_id is empty");
        if (!missing.isEmpty()) return new Channel.Off("telegram: off: " + String.join(" and ", missing), true);
        String token = environment.get(variable.get()).orElseThrow().strip();
        redactor.register(variable.get(), token); // before anything can fail and print it
        try {
            TelegramNotifier notifier =
                    new TelegramNotifier(client.get(), config.apiBase(), token, config.chatId(), redactor);
            return new Channel.On(
                    notifier, "telegram: on (chat " + config.chatId() + ", token from " + variable.get() + ")");
        } catch (IllegalArgumentException e) {
            return new Channel.Off(
                    "telegram: off: " + redactor.redact(e.getMessage()) + " (in " + variable.get() + ")", true);
        }
    }
}
