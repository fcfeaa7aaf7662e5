package dev.marble.secret.google;

import dev.marble.config.Environment;
import dev.marble.json.Json;
import dev.marble.secret.SecretRedactor;
import dev.marble.secret.oauth.OAuthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The Google credentials a user has, in the two files Google's own tools write: a service account's key
 * ({@code type: service_account}, named by {@code GOOGLE_APPLICATION_CREDENTIALS}) and gcloud's application-default
 * login ({@code type: authorized_user}, from {@code gcloud auth application-default login}). {@code toString}
 * shows no secret.
 */
public sealed interface GoogleCredentials {

    /** Where Google documents its OAuth token endpoint; an authorized_user file usually names none. */
    String GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token";

    String VARIABLE = "GOOGLE_APPLICATION_CREDENTIALS";

    /** Where the credentials came from, for messages: a path, never content. */
    Path file();

    /** The token endpoint this credential is exchanged at. */
    String tokenUri();

    /** A service account's key: Marble signs a JWT with it and trades that for an access token. */
    record ServiceAccount(
            Path file, String clientEmail, String privateKeyId, String privateKeyPem, String tokenUri, String projectId)
            implements GoogleCredentials {
        @Override
        public String toString() {
            return "ServiceAccount[" + clientEmail + " from " + file + "]";
        }
    }

    /** A person's gcloud login: its refresh token gets access tokens. */
    record AuthorizedUser(Path file, String clientId, String clientSecret, String refreshToken, String tokenUri)
            implements GoogleCredentials {
        @Override
        public String toString() {
            return "AuthorizedUser[" + clientId + " from " + file + "]";
        }
    }

    /**
     * The credentials Google's client libraries would find: the file {@code GOOGLE_APPLICATION_CREDENTIALS} names,
     * else gcloud's application-default credentials, if that file exists. Their secrets are registered with
     * {@code redactor} before anything else can print them.
     *
     * @throws OAuthException naming the file and field when a file is unreadable or not a credential
     */
    static Optional<GoogleCredentials> find(Environment environment, SecretRedactor redactor) {
        Optional<String> named = environment.get(VARIABLE);
        if (named.isPresent()) {
            Path file = environment.workingDirectory().resolve(named.get());
            if (!Files.isRegularFile(file)) {
                throw new OAuthException(VARIABLE + " names " + file + ", which is not a file");
            }
            return Optional.of(read(file, redactor));
        }
        Path adc = gcloudDirectory(environment).resolve("application_default_credentials.json");
        return Files.isRegularFile(adc) ? Optional.of(read(adc, redactor)) : Optional.empty();
    }

    /** gcloud's configuration directory: {@code CLOUDSDK_CONFIG}, else {@code ~/.config/gcloud}. */
    static Path gcloudDirectory(Environment environment) {
        return environment
                .get("CLOUDSDK_CONFIG")
                .map(Path::of)
                .orElse(environment.home().resolve(".config").resolve("gcloud"));
    }

    static GoogleCredentials read(Path file, SecretRedactor redactor) {
        JsonNode json;
        try {
            json = Json.parse(Files.readString(file));
        } catch (IOException e) {
            throw new OAuthException("cannot read Google credentials " + file + ": " + e.getMessage());
        } catch (RuntimeException notJson) {
            // the parser's message may quote the file, and the file holds a key: say only where
            throw new OAuthException(file + ": not a JSON object; expected Google credentials (service_account"
                    + " or authorized_user)");
        }
        String type = Json.text(json, "type", "");
        switch (type) {
            case "service_account" -> {
                String key = field(json, file, "private_key");
                redactor.register("GOOGLE_SERVICE_ACCOUNT_PRIVATE_KEY", key);
                return new ServiceAccount(
                        file,
                        field(json, file, "client_email"),
                        Json.text(json, "private_key_id", null),
                        key,
                        Json.text(json, "token_uri", GOOGLE_TOKEN_URI),
                        Json.text(json, "project_id", null));
            }
            case "authorized_user" -> {
                String refresh = field(json, file, "refresh_token");
                String secret = field(json, file, "client_secret");
                redactor.register("GOOGLE_REFRESH_TOKEN", refresh);
                redactor.register("GOOGLE_CLIENT_SECRET", secret);
                return new AuthorizedUser(
                        file,
                        field(json, file, "client_id"),
                        secret,
                        refresh,
                        Json.text(json, "token_uri", GOOGLE_TOKEN_URI));
            }
            default ->
                throw new OAuthException(
                        file + ": field type is \"" + type + "\"; expected service_account or authorized_user");
        }
    }

    private static String field(JsonNode json, Path file, String name) {
        String value = Json.text(json, name, "");
        if (value.isBlank()) throw new OAuthException(file + ": field " + name + " is missing or empty");
        return value;
    }
}
