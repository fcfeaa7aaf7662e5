package dev.marble.provider;

import dev.marble.config.Environment;
import dev.marble.config.MarbleConfig;
import dev.marble.provider.http.HttpTransport;
import dev.marble.secret.SecretRedactor;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What providers need from the running Marble: environment, configuration, the shared HTTP client,
 * and where to say things a person should see while they wait (a local model loading, say), which is
 * standard error in the CLI, never standard output.
 */
public record ProviderContext(
        Environment environment,
        MarbleConfig config,
        HttpTransport http,
        SecretRedactor redactor,
        Consumer<String> notes) {

    public ProviderContext {
        notes = Objects.requireNonNullElse(notes, note -> {});
    }

    public ProviderContext(Environment environment, MarbleConfig config, HttpTransport http, SecretRedactor redactor) {
        this(environment, config, http, redactor, null);
    }

    /** The time limit for a call whose request does not set one. */
    public Duration defaultTimeout() {
        return config.callTimeout().value();
    }
}
