package dev.marble.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.config.Environment;
import dev.marble.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OAuthTokenStoreTest {

    private static final Instant EXPIRES = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path temp;

    @Test
    void tokensSurviveARoundTripInTheUsersConfigDirectory() {
        Environment environment = new Environment(Map.of(), temp, temp);
        OAuthTokenStore store = OAuthTokenStore.of(environment, new SecretRedactor());
        store.save("anthropic", new OAuthTokens("access-0123456789abc", "refresh-0123456789abc", EXPIRES));

        assertThat(store.file()).isEqualTo(temp.resolve(".config/marble/oauth.json"));
        assertThat(OAuthTokenStore.of(environment, new SecretRedactor()).read("anthropic"))
                .contains(new OAuthTokens("access-0123456789abc", "refresh-0123456789abc", EXPIRES));
        assertThat(store.read("openai")).isEmpty();
    }

    @Test
    void theFileAndANewDirectoryAreTheOwnersAloneAndNoTemporaryFileIsLeft() throws IOException {
        OAuthTokenStore store = new OAuthTokenStore(temp.resolve("fresh/oauth.json"), new SecretRedactor());
        store.save("anthropic", new OAuthTokens("access-0123456789abc", null, EXPIRES));
        store.save("anthropic", new OAuthTokens("access-second-0123456789", null, EXPIRES));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(store.file().getParent())))
                .isEqualTo("rwx------");
        try (var listing = Files.list(store.file().getParent())) {
            assertThat(listing).containsExactly(store.file());
        }
    }

    @Test
    void aFileLeftWorldReadableByHandIsReplacedByAnOwnerOnlyOneOnTheNextSave() throws IOException {
        Path file = temp.resolve("oauth.json");
        Files.writeString(file, "{}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        new OAuthTokenStore(file, new SecretRedactor())
                .save("anthropic", new OAuthTokens("access-0123456789abc", null, EXPIRES));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void logoutKeepsOtherProvidersAndDeletesTheFileWhenNothingIsLeft() throws IOException {
        Path file = temp.resolve("oauth.json");
        OAuthTokenStore store = new OAuthTokenStore(file, new SecretRedactor());
        store.save("anthropic", new OAuthTokens("access-0123456789abc", null, EXPIRES));
        store.save("other", new OAuthTokens("other-access-0123456789", null, EXPIRES));

        assertThat(store.remove("anthropic")).isTrue();
        assertThat(store.read("anthropic")).isEmpty();
        assertThat(store.read("other")).isPresent();
        assertThat(store.remove("anthropic")).isFalse();
        assertThat(store.remove("other")).isTrue();
        assertThat(file).doesNotExist();
    }

    @Test
    void aMalformedFileIsAConfigErrorNamingFileAndFieldButNotItsContent() throws IOException {
        Path file = temp.resolve("oauth.json");
        Files.writeString(file, "{\"anthropic\": {\"access_token\": \"leakyToken0123456789\", \"expires_at\": 5}}");
        OAuthTokenStore store = new OAuthTokenStore(file, new SecretRedactor());

        assertThatThrownBy(() -> store.read("anthropic"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("anthropic.expires_at")
                .hasMessageNotContaining("leakyToken");

        Files.writeString(file, "{\"anthropic\": leakyToken0123456789");
        assertThatThrownBy(() -> store.read("anthropic"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageNotContaining("leakyToken");
    }

    @Test
    void tokensAreDueForRefreshFiveMinutesBeforeTheyExpire() {
        OAuthTokens tokens = new OAuthTokens("access-0123456789abc", "refresh", EXPIRES);
        assertThat(tokens.needsRefresh(EXPIRES.minusSeconds(301))).isFalse();
        assertThat(tokens.needsRefresh(EXPIRES.minusSeconds(300))).isTrue();
        assertThat(tokens.needsRefresh(EXPIRES.plusSeconds(1))).isTrue();
        assertThat(tokens.toString()).doesNotContain("access-0123456789abc").contains("2026-12-07T12:00:00Z");
    }
}
