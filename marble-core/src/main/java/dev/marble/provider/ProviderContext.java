package dev.marble.provider;

import dev.marble.config.Environment;
import dev.marble.config.MarbleConfig;
import dev.marble.provider.http.HttpTransport;
import dev.marble.secret.SecretRedactor;

import java.time.Duration;

/** What providers need from the running Marble: environment, configuration, the shared HTTP client. */
public record ProviderContext(
        Environment environment,
        MarbleConfig config,
        HttpTransport http,
        SecretRedactor redactor) {

    /** The time limit for a call whose request does not set one. */
    public Duration defaultTimeout() {
        return config.callTimeout().value();
    }
}
