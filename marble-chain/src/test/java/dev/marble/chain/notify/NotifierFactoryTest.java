package dev.marble.chain.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.chain.ChainSpec;
import dev.marble.config.ConfigLoader;
import dev.marble.config.Environment;
import dev.marble.config.MarbleConfig;
import dev.marble.format.chain.ChainLoader;
import dev.marble.json.Json;
import dev.marble.secret.SecretRedactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifiers come from factories, Telegram's and the webhook's registered exactly as a user's: a user's channel sits
 * beside them, gets the chain's (redacted) updates, and a broken one is off with a line instead of failing the start.
 */
class NotifierFactoryTest {

    private static final String TOKEN = "4711:plain-test-token";

    @TempDir
    Path dir;

    private ChainSpec chain(String extra) throws IOException {
        Path file = Files.createDirectories(dir.resolve("chains")).resolve("c.json");
        Files.writeString(file, "{\"links\": [{\"prompt\": \"p\"}]" + extra + "}");
        return ChainLoader.load(file, List.of(), dir).spec();
    }

    private NotifierContext context(ChainSpec chain, Map<String, String> variables, SecretRedactor redactor) {
        Environment environment = new Environment(variables, dir, dir);
        MarbleConfig config = ConfigLoader.load(environment);
        return new NotifierContext(chain, config, environment, redactor);
    }

    @Test
    void telegramAndTheWebhookAreFoundOnTheClassPathAsAnyFactoryIs() {
        assertThat(NotifierFactory.discovered())
                .extracting(NotifierFactory::name)
                .containsExactly("telegram", "webhook");
        assertThat(NotifierFactory.discovered())
                .hasExactlyElementsOfTypes(TelegramNotifierFactory.class, WebhookNotifierFactory.class);
    }

    @Test
    void aUsersNotifierSitsBesideTheBuiltInsAndGetsRedactedUpdates() throws IOException {
        SecretRedactor redactor = new SecretRedactor();
        redactor.register("DEPLOY_KEY", "deploy-key-value-123");
        NotificationsTest.Recording mine = new NotificationsTest.Recording();
        List<NotifierFactory> factories = new ArrayList<>(NotifierFactory.discovered());
        factories.add(NotifierFactory.of(mine));

        try (Notifications notifications =
                Notifications.forChain(context(chain(""), Map.of(), redactor), factories, line -> {})) {
            assertThat(notifications.statusLines())
                    .containsExactly(
                            "telegram: off (telegram.enabled is false)",
                            "webhook: off (webhook.enabled is false)",
                            "recording: on");
            assertThat(notifications.problems()).isEmpty();
            ChainUpdate update = Updates.shutdown();
            notifications.send(new ChainUpdate(
                    update.chain(),
                    update.kind(),
                    update.round(),
                    update.runtime(),
                    update.status(),
                    "failed with deploy-key-value-123",
                    update.link(),
                    update.costUsd()));
        }
        assertThat(mine.received).singleElement().satisfies(update -> {
            assertThat(update.kind()).isEqualTo(ChainUpdate.Kind.SHUTDOWN);
            assertThat(update.detail()).isEqualTo("failed with [redacted:DEPLOY_KEY]");
        });
    }

    @Test
    void theBuiltInFactoriesReadTheChainsOwnSettingsAndDeliver() throws Exception {
        SecretRedactor redactor = new SecretRedactor();
        try (Receiver hook = Receiver.start(200)) {
            ChainSpec chain = chain(", \"webhook\": {\"url\": \"" + hook.url("/in") + "\", "
                    + "\"headers\": {\"X-Key\": \"${HOOK_KEY}\"}}");
            NotifierContext context = context(chain, Map.of("HOOK_KEY", "hook-secret-value"), redactor);
            try (Notifications notifications = Notifications.forChain(context, NotifierFactory.discovered(), l -> {})) {
                assertThat(notifications.statusLines())
                        .containsExactly(
                                "telegram: off (telegram.enabled is false)", "webhook: on (POST to 127.0.0.1)");
                notifications.send(Updates.shutdown());
            }
            assertThat(hook.requests()).singleElement().satisfies(request -> {
                assertThat(request.header("x-key")).isEqualTo("hook-secret-value");
                assertThat(Json.parse(request.body()).get("event").asString()).isEqualTo("shutdown");
            });
            assertThat(redactor.redact("hook-secret-value")).isEqualTo("[redacted:HOOK_KEY]");
        }
    }

    @Test
    void aChainsTelegramSettingsTurnTelegramOnAndItsTokenIsASecret() throws IOException {
        SecretRedactor redactor = new SecretRedactor();
        NotifierContext context = context(
                chain(", \"telegram\": {\"enabled\": true, \"chat_id\": \"42\"}"),
                Map.of("LLMAUTO_TELEGRAM_BOT_TOKEN", TOKEN),
                redactor);
        try (Notifications notifications = Notifications.forChain(context, NotifierFactory.discovered(), l -> {})) {
            assertThat(notifications.statusLines().getFirst())
                    .isEqualTo("telegram: on (chat 42, token from LLMAUTO_TELEGRAM_BOT_TOKEN)");
        }
        assertThat(redactor.redact("token " + TOKEN)).doesNotContain(TOKEN);
    }

    @Test
    void aFactoryThatThrowsLeavesItsChannelOffWithARedactedLineAndTheOthersOn() throws IOException {
        SecretRedactor redactor = new SecretRedactor();
        redactor.register("PAGER_TOKEN", "pager-token-value-9");
        NotifierFactory broken = new NotifierFactory() {
            @Override
            public String name() {
                return "pager";
            }

            @Override
            public Channel create(NotifierContext context) {
                throw new IllegalStateException("cannot reach pager with pager-token-value-9");
            }
        };
        NotificationsTest.Recording mine = new NotificationsTest.Recording();
        try (Notifications notifications = Notifications.forChain(
                context(chain(""), Map.of(), redactor), List.of(broken, NotifierFactory.of(mine)), l -> {})) {
            assertThat(notifications.problems())
                    .containsExactly("pager: off: it failed to start: cannot reach pager with [redacted:PAGER_TOKEN]");
            assertThat(notifications.active()).isTrue();
            notifications.send(Updates.linkDone("worker"));
        }
        assertThat(mine.received).hasSize(1);
    }
}
