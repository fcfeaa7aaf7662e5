package dev.marble.temporal;

import dev.marble.config.MarbleConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * Transport security towards the server. Paths come from {@code TEMPORAL_TLS_CLIENT_CERT_PATH} /
 * {@code TEMPORAL_TLS_CERT}, {@code TEMPORAL_TLS_CLIENT_KEY_PATH} / {@code TEMPORAL_TLS_KEY} and
 * {@code TEMPORAL_TLS_SERVER_CA_CERT_PATH} / {@code TEMPORAL_TLS_CA} (the Temporal CLI's newer and older names), or
 * marble.json's {@code temporal.tls}; the API key only from {@code TEMPORAL_API_KEY} or the variable
 * {@code temporal.api_key_env} names, never from a file a chain's agents could read.
 *
 * @param enabled    whether the connection is TLS: a client certificate or an API key turns it on, as the Temporal
 *                   CLI does, unless {@code TEMPORAL_TLS=false}
 * @param clientCert the client certificate (PEM), or null
 * @param clientKey  its PKCS#8 private key (PEM), or null
 * @param serverCa   the CA that signed the server's certificate, when it is not a public one; or null
 * @param apiKey     Temporal Cloud's API key, or null; never printed ({@link #toString})
 */
public record TemporalTls(boolean enabled, Path clientCert, Path clientKey, Path serverCa, String apiKey) {

    public static final TemporalTls NONE = new TemporalTls(false, null, null, null, null);

    public TemporalTls {
        if ((clientCert == null) != (clientKey == null)) {
            throw new dev.marble.error.UsageException(
                    "a Temporal client certificate needs its key and a key its certificate"
                            + " (TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH, or temporal.tls.cert"
                            + " and temporal.tls.key)");
        }
    }

    static TemporalTls resolve(Map<String, String> variables, MarbleConfig config) {
        Path cert = path(variables, config, "temporal.tls.cert", "TEMPORAL_TLS_CLIENT_CERT_PATH", "TEMPORAL_TLS_CERT");
        Path key = path(variables, config, "temporal.tls.key", "TEMPORAL_TLS_CLIENT_KEY_PATH", "TEMPORAL_TLS_KEY");
        Path ca = path(variables, config, "temporal.tls.ca", "TEMPORAL_TLS_SERVER_CA_CERT_PATH", "TEMPORAL_TLS_CA");
        String keyVariable = TemporalSettings.text(config, "temporal.api_key_env");
        String apiKey = TemporalSettings.first(
                        variables.get("TEMPORAL_API_KEY"), keyVariable == null ? null : variables.get(keyVariable))
                .orElse(null);
        String switched = variables.get("TEMPORAL_TLS");
        boolean enabled = switched != null && !switched.isBlank()
                ? Boolean.parseBoolean(switched.strip())
                : cert != null
                        || apiKey != null
                        || config.flag("temporal.tls.enabled", false).value();
        return new TemporalTls(enabled, cert, key, ca, apiKey);
    }

    private static Path path(Map<String, String> variables, MarbleConfig config, String key, String... names) {
        for (String name : names) {
            String value = variables.get(name);
            if (value != null && !value.isBlank()) return Path.of(value.strip());
        }
        return TemporalSettings.path(config, key);
    }

    @Override
    public String toString() {
        return "TemporalTls[enabled=" + enabled + ", clientCert=" + clientCert + ", clientKey=" + clientKey
                + ", serverCa=" + serverCa + ", apiKey=" + (apiKey == null ? "none" : "(set)") + "]";
    }
}
