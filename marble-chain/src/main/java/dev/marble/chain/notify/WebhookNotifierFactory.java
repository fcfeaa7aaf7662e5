package dev.marble.chain.notify;

import dev.marble.config.Environment;
import dev.marble.secret.SecretRedactor;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The generic webhook, registered as any notifier is: the chain file's {@code webhook} object turned into a notifier,
 * {@code ${VAR}} expanded in the url and the header values, every expanded value registered with the redactor (they
 * are there because they are secrets), or one line saying why the webhook stays off. The url is never quoted in
 * those lines: it may be the secret.
 */
public final class WebhookNotifierFactory implements NotifierFactory {

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public Channel create(NotifierContext context) {
        return channel(WebhookConfig.of(context.chain()), context.environment(), context.redactor(), context::http);
    }

    static Channel channel(
            WebhookConfig config, Environment environment, SecretRedactor redactor, Supplier<HttpClient> client) {
        if (!config.enabled()) return new Channel.Off("webhook: off (webhook.enabled is false)", false);
        if (config.url().isEmpty()) return new Channel.Off("webhook: off: webhook.url is empty", true);
        try {
            URI url = new URI(expand(config.url(), environment, redactor, "webhook.url"));
            Map<String, String> headers = new LinkedHashMap<>();
            for (Map.Entry<String, String> header : config.headers().entrySet()) {
                String value = header.getValue() == null ? "" : header.getValue();
                headers.put(
                        header.getKey(), expand(value, environment, redactor, "webhook.headers." + header.getKey()));
            }
            WebhookNotifier notifier = new WebhookNotifier(client.get(), url, headers);
            return new Channel.On(notifier, "webhook: on (POST to " + url.getHost() + ")");
        } catch (URISyntaxException e) {
            return new Channel.Off("webhook: off: webhook.url is not a valid address (" + e.getReason() + ")", true);
        } catch (IllegalArgumentException e) {
            return new Channel.Off("webhook: off: " + redactor.redact(e.getMessage()), true);
        }
    }

    private static String expand(String template, Environment environment, SecretRedactor redactor, String field) {
        try {
            EnvTemplate.Expanded expanded = EnvTemplate.expand(template, environment);
            expanded.used().forEach(redactor::register);
            return expanded.text();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }
}
