package dev.marble.chain.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.marble.config.Environment;
import dev.marble.json.Json;
import dev.marble.secret.SecretRedactor;
import dev.marble.testkit.FakeTelegramServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationsTest {
    private static final String TOKEN = "4711:plain-test-token";

    @TempDir
    Path dir;

    /** Records what it was sent, in order. */
    static final class Recording implements Notifier {
        final ConcurrentLinkedQueue<ChainUpdate> received = new ConcurrentLinkedQueue<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void send(ChainUpdate update) {
            received.add(update);
        }
    }

    /** Blocks in send until released (or interrupted), as Telegram does while honouring a long retry_after. */
    static final class Blocking implements Notifier {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String name() {
            return "blocking";
        }

        @Override
        public void send(ChainUpdate update) throws NotifyException {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotifyException("blocking: interrupted");
            }
        }
    }

    @Test
    void aFailingNotifierIsLoggedInOneRedactedLineAndTheNextStillGetsTheUpdate() throws Exception {
        ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
        Recording after = new Recording();
        Notifier buggy = new Notifier() {
            @Override
            public String name() {
                return "buggy";
            }

            @Override
            public void send(ChainUpdate update) {
                throw new IllegalStateException("bug holding sk-ant-api03-abcdefghijklmnop");
            }
        };
        try (HttpClient client = HttpClient.newHttpClient();
                FakeTelegramServer telegram = FakeTelegramServer.start("1:right-token")) {
            Notifier refused =
                    new TelegramNotifier(client, URI.create(telegram.baseUrl()), TOKEN, "42", new SecretRedactor());
            try (Notifications notifications = new Notifications(List.of(refused, buggy, after), log::add)) {
                notifications.send(Updates.shutdown());
            }
        }
        assertThat(after.received).containsExactly(Updates.shutdown());
        assertThat(log)
                .containsExactlyInAnyOrder(
                        "notification not sent: telegram: sendMessage failed: HTTP 401: Unauthorized",
                        "notification not sent: buggy: unexpected IllegalStateException: bug holding [redacted]");
        assertThat(String.join("\n", log)).doesNotContain(TOKEN).doesNotContain("right-token");
    }

    @Test
    void secretsInAnUpdateAreRedactedBeforeItLeavesTheMachine() {
        SecretRedactor redactor = new SecretRedactor();
        redactor.register("TEAM_API_KEY", "team-key-1234567");
        Recording recording = new Recording();
        try (Notifications notifications =
                new Notifications(List.of(recording), l -> {}, redactor, Duration.ofSeconds(30))) {
            notifications.send(new ChainUpdate(
                    "c",
                    ChainUpdate.Kind.FAILED,
                    1,
                    Duration.ZERO,
                    "FAILED",
                    "link failed: 401 for key team-key-1234567",
                    "coder",
                    null));
        }
        assertThat(recording.received)
                .singleElement()
                .satisfies(u -> assertThat(u.detail()).isEqualTo("link failed: 401 for key [redacted:TEAM_API_KEY]"));
    }

    @Test
    void sendReturnsWhileANotifierIsStillBusy() throws Exception {
        Blocking blocking = new Blocking();
        Recording recording = new Recording();
        try (Notifications notifications = new Notifications(List.of(blocking, recording), line -> {})) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                notifications.send(Updates.linkDone("one")); // would hang here if send waited for the notifier
                notifications.send(Updates.linkDone("two"));
                assertThat(blocking.entered.await(30, TimeUnit.SECONDS)).isTrue();
            });
            blocking.release.countDown();
        }
        assertThat(recording.received).extracting(ChainUpdate::link).containsExactly("one", "two");
    }

    @Test
    void closeSendsWhatIsQueuedThenGivesUpOnANotifierThatNeverFinishes() {
        List<String> log = new CopyOnWriteArrayList<>();
        Blocking stuck = new Blocking();
        Recording recording = new Recording();
        Notifications notifications =
                new Notifications(List.of(stuck, recording), log::add, new SecretRedactor(), Duration.ofMillis(300));
        for (int i = 0; i < 3; i++) notifications.send(Updates.linkDone("link-" + i));
        notifications.close();
        assertThat(recording.received).hasSize(3);
        assertThat(log)
                .anySatisfy(line -> assertThat(line)
                        .isEqualTo("notification not sent: blocking: 3 update(s) not sent: gave up waiting as "
                                + "the chain ended"));
        notifications.send(Updates.shutdown());
        assertThat(log).last().isEqualTo("notification not sent: the notifications were already closed");
    }

    @Test
    void aNotifierHopelesslyBehindDropsNewUpdatesWithALine() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        Blocking stuck = new Blocking();
        try (Notifications notifications =
                new Notifications(List.of(stuck), log::add, new SecretRedactor(), Duration.ofSeconds(30))) {
            try {
                notifications.send(Updates.linkDone("first")); // taken by the worker, which then blocks
                assertThat(stuck.entered.await(30, TimeUnit.SECONDS)).isTrue();
                for (int i = 1; i < Delivery.CAPACITY; i++) notifications.send(Updates.linkDone("queued"));
                assertThat(log).isEmpty();
                notifications.send(Updates.linkDone("one too many"));
                assertThat(log)
                        .containsExactly(
                                "notification not sent: blocking: 100 updates are not sent yet; this one is dropped");
            } finally {
                stuck.release.countDown();
            }
        }
    }

    @Test
    void telegramIsOffUnlessEnabledWithTokenAndChatAndSaysWhy() {
        Environment bare = environment(Map.of());
        Notifications off = Notifications.from(
                TelegramConfig.disabled(), WebhookConfig.disabled(), bare, new SecretRedactor(), l -> {});
        assertThat(off.active()).isFalse();
        assertThat(off.problems()).isEmpty();
        assertThat(off.statusLines())
                .containsExactly(
                        "telegram: off (telegram.enabled is false)", "webhook: off (webhook.enabled is false)");

        Notifications nothingSet = Notifications.from(
                new TelegramConfig(true, null, "", 0, null),
                WebhookConfig.disabled(),
                bare,
                new SecretRedactor(),
                l -> {});
        assertThat(nothingSet.active()).isFalse();
        assertThat(nothingSet.problems())
                .containsExactly("telegram: off: no bot token (LLMAUTO_TELEGRAM_BOT_TOKEN is not set, "
                        + "nor MARBLE_TELEGRAM_BOT_TOKEN; telegram.bot_token_env names the variable) and "
                        + "telegram.chat_id is empty");

        Notifications noChat = Notifications.from(
                new TelegramConfig(true, null, " ", 0, null),
                WebhookConfig.disabled(),
                environment(Map.of("LLMAUTO_TELEGRAM_BOT_TOKEN", TOKEN)),
                new SecretRedactor(),
                l -> {});
        assertThat(noChat.problems()).containsExactly("telegram: off: telegram.chat_id is empty");
    }

    @Test
    void theTokenComesFromTheNamedVariableOrMarblesOwnName() {
        TelegramConfig byDefault = new TelegramConfig(true, "", "42", 0, null);
        Notifications marbleName = Notifications.from(
                byDefault,
                WebhookConfig.disabled(),
                environment(Map.of("MARBLE_TELEGRAM_BOT_TOKEN", TOKEN)),
                new SecretRedactor(),
                l -> {});
        assertThat(marbleName.active()).isTrue();
        assertThat(marbleName.statusLines().getFirst())
                .isEqualTo("telegram: on (chat 42, token from MARBLE_TELEGRAM_BOT_TOKEN)");
        marbleName.close();

        // A variable named explicitly stands alone: another bot's token must not be used in its place.
        TelegramConfig custom = new TelegramConfig(true, "TEAM_BOT", "42", 0, null);
        Notifications missingCustom = Notifications.from(
                custom,
                WebhookConfig.disabled(),
                environment(Map.of("LLMAUTO_TELEGRAM_BOT_TOKEN", TOKEN)),
                new SecretRedactor(),
                l -> {});
        assertThat(missingCustom.problems())
                .singleElement()
                .asString()
                .contains("TEAM_BOT is not set;")
                .doesNotContain("LLMAUTO");
    }

    @Test
    void anUnusableTokenTurnsTelegramOffWithoutQuotingIt() {
        Notifications notifications = Notifications.from(
                new TelegramConfig(true, null, "42", 0, null),
                WebhookConfig.disabled(),
                environment(Map.of("LLMAUTO_TELEGRAM_BOT_TOKEN", "123:has spaces/slash-secret")),
                new SecretRedactor(),
                l -> {});
        assertThat(notifications.problems())
                .singleElement()
                .asString()
                .contains("characters no bot token has")
                .contains("LLMAUTO_TELEGRAM_BOT_TOKEN")
                .doesNotContain("slash-secret");
    }

    @Test
    void fromSendsToTelegramAndTheWebhookWithHeaderSecretsFromTheEnvironment() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (FakeTelegramServer telegram = FakeTelegramServer.start(TOKEN).onlyChat("42");
                Receiver hook = Receiver.start(404)) {
            Environment env =
                    environment(Map.of("LLMAUTO_TELEGRAM_BOT_TOKEN", TOKEN, "HOOK_SECRET", "s3cr3t-value-for-hook"));
            TelegramConfig telegramConfig = new TelegramConfig(true, null, "42", 0, URI.create(telegram.baseUrl()));
            WebhookConfig hookConfig = new WebhookConfig(
                    true, hook.url("/in").toString(), Map.of("Authorization", "Bearer ${HOOK_SECRET}"));
            try (Notifications notifications =
                    Notifications.from(telegramConfig, hookConfig, env, new SecretRedactor(), log::add)) {
                assertThat(notifications.problems()).isEmpty();
                assertThat(notifications.statusLines())
                        .containsExactly(
                                "telegram: on (chat 42, token from LLMAUTO_TELEGRAM_BOT_TOKEN)",
                                "webhook: on (POST to 127.0.0.1)");
                notifications.send(Updates.shutdown());
                notifications.send(Updates.shutdown()); // the receiver refuses the first one only
            }
            assertThat(telegram.messages()).hasSize(2);
            assertThat(hook.requests()).hasSize(2);
            assertThat(hook.requests().getFirst().header("authorization")).isEqualTo("Bearer s3cr3t-value-for-hook");
            assertThat(Json.parse(hook.requests().get(1).body()).get("event").asString())
                    .isEqualTo("shutdown");
            assertThat(log)
                    .containsExactly("notification not sent: webhook: POST to 127.0.0.1 failed: HTTP 404: {\"error\": "
                            + "\"status 404\"}");
        }
    }

    @Test
    void aWebhookWhoseSecretIsNotSetStaysOffAndSaysWhichVariable() {
        WebhookConfig hook = new WebhookConfig(true, "https://hooks.example.com/${HOOK_PATH}", Map.of());
        Notifications notifications = Notifications.from(
                TelegramConfig.disabled(), hook, environment(Map.of()), new SecretRedactor(), l -> {});
        assertThat(notifications.active()).isFalse();
        assertThat(notifications.problems())
                .containsExactly("webhook: off: webhook.url: ${HOOK_PATH} is not set in the environment");

        WebhookConfig noUrl = new WebhookConfig(true, "", Map.of());
        assertThat(Notifications.from(
                                TelegramConfig.disabled(), noUrl, environment(Map.of()), new SecretRedactor(), l -> {})
                        .problems())
                .containsExactly("webhook: off: webhook.url is empty");
    }

    @Test
    void expandedWebhookSecretsAreRedactedFromLogLines() {
        SecretRedactor redactor = new SecretRedactor();
        WebhookConfig hook = new WebhookConfig(true, "https://hooks.example.com/x", Map.of("X-Key", "${HOOK_KEY}"));
        Notifications.from(
                        TelegramConfig.disabled(),
                        hook,
                        environment(Map.of("HOOK_KEY", "value-that-is-secret")),
                        redactor,
                        l -> {})
                .close();
        assertThat(redactor.redact("header was value-that-is-secret")).isEqualTo("header was [redacted:HOOK_KEY]");
    }

    @Test
    void linkUpdatesAreDueWhenALinkAsksOrEveryNthLink() {
        TelegramConfig everyThird = new TelegramConfig(true, null, "42", 3, null);
        assertThat(everyThird.linkUpdateDue(1, false)).isFalse();
        assertThat(everyThird.linkUpdateDue(3, false)).isTrue();
        assertThat(everyThird.linkUpdateDue(4, true)).isTrue();
        assertThat(TelegramConfig.disabled().linkUpdateDue(3, false)).isFalse();
    }

    private Environment environment(Map<String, String> variables) {
        return new Environment(variables, dir, dir);
    }
}
