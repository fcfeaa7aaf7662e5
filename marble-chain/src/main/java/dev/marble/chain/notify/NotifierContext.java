package dev.marble.chain.notify;

import dev.marble.chain.ChainSpec;
import dev.marble.config.Environment;
import dev.marble.config.MarbleConfig;
import dev.marble.secret.SecretRedactor;
import java.net.http.HttpClient;
import java.util.Objects;

/**
 * What a {@link NotifierFactory} may read when a chain starts: the chain (its file's own settings, such as its
 * {@code telegram} and {@code webhook} objects), marble.json, the environment secrets come from, the redactor every
 * secret a notifier reads must be registered with before anything can print it, and an HTTP client to share.
 */
public final class NotifierContext {

    private final ChainSpec chain;
    private final MarbleConfig config;
    private final Environment environment;
    private final SecretRedactor redactor;
    private final SharedHttpClient http = new SharedHttpClient();

    public NotifierContext(ChainSpec chain, MarbleConfig config, Environment environment, SecretRedactor redactor) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.config = Objects.requireNonNull(config, "config");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    public ChainSpec chain() {
        return chain;
    }

    public MarbleConfig config() {
        return config;
    }

    public Environment environment() {
        return environment;
    }

    public SecretRedactor redactor() {
        return redactor;
    }

    /** An HTTP client the chain's notifiers share, built on the first call, shut down with the notifications. */
    public HttpClient http() {
        return http.get();
    }

    SharedHttpClient sharedHttp() {
        return http;
    }
}
