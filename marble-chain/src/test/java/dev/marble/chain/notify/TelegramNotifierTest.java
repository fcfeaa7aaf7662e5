package dev.marble.chain.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.marble.secret.SecretRedactor;
import dev.marble.testkit.FakeTelegramServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** TelegramNotifier against the strict fake Bot API: the message, the retries it may and may not make, no token leaks.
 * */
class TelegramNotifierTest {
    /** Not shaped like a real bot token, so only Marble's own care can keep it out of messages. */
    private static final String TOKEN = "4711:plain-test-token";

    private static final String CHAT = "-100200300";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @AfterAll
    static void closeClient() {
        CLIENT.close();
    }

    @Test
    void postsChatIdAndTheUpdatesTextToSendMessage() throws Exception {
        try (FakeTelegramServer server = FakeTelegramServer.start(TOKEN).onlyChat(CHAT)) {
            notifier(server, TOKEN).send(Updates.shutdown());
            assertThat(server.messages())
                    .containsExactly(new FakeTelegramServer.SentMessage(CHAT, UpdateText.of(Updates.shutdown())));
            assertThat(server.messages().getFirst().text())
                    .startsWith("marble [research]\nRound: 3 | Runtime: 1.5h\nStatus: STOPPED");
        }
    }

    @Test
    void aTextOverTelegramsLimitIsCutSoTheStrictApiTakesIt() throws Exception {
        ChainUpdate huge =
                new ChainUpdate("c", ChainUpdate.Kind.FAILED, 0, Duration.ZERO, "FAILED", "y".repeat(9000), null, null);
        try (FakeTelegramServer server = FakeTelegramServer.start(TOKEN)) {
            notifier(server, TOKEN).send(huge);
            assertThat(server.messages())
                    .singleElement()
                    .satisfies(m -> assertThat(m.text()).hasSize(4096));
        }
    }

    @Test
    void a429IsRetriedAfterTheRetryAfterTelegramNames() throws Exception {
        try (FakeTelegramServer server = FakeTelegramServer.start(TOKEN).tooManyRequests(1, 1)) {
            notifier(server, TOKEN).send(Updates.shutdown());
            List<FakeTelegramServer.Received> requests = server.requests();
            assertThat(requests).extracting(FakeTelegramServer.Received::status).containsExactly(429, 200);
            Duration waited = Duration.ofNanos(
                    requests.get(1).arrivedNanos() - requests.get(0).arrivedNanos());
            assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(server.messages()).hasSize(1);
        }
    }

    @Test
    void a429IsRetriedAtMostTwice() {
        try (FakeTelegramServer server = FakeTelegramServer.start(TOKEN).tooManyRequests(3, 1)) {
            NotifyException e = catchThrowableOfType(
                    NotifyException.class, () -> notifier(server, TOKEN).send(Updates.shutdown()));
            assertThat(e)
                    .hasMessage(
                            "telegram: sendMessage failed after 3 attempts: HTTP 429: Too Many Requests: retry after 1"
                                    + " (still limited after 2 retries)");
            assertThat(server.requests()).hasSize(3);
            assertThat(server.messages()).isEmpty();
        }
    }

    @Test
    void aRetryAfterBeyondTheWaitingBudgetIsNotWaitedFor() {
        try (FakeTelegramServer server = FakeTelegramServer.start(TOKEN).tooManyRequests(1, 61)) {
            assertThatThrownBy(() -> notifier(server, TOKEN).send(Updates.shutdown()))
                    .isInstanceOf(NotifyException.class)
                    .hasMessageContaining("HTTP 429: Too Many Requests: retry after 61")
                    .hasMessageContaining("a notification may wait");
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void waitsAddUpAgainstTheBudget() {
        // Two waits of 1 s each fit the two retries but not a budget of 1.5 s: the second is refused.
        try (FakeTelegramServer server = FakeTelegramServer.start(TOKEN).tooManyRequests(2, 1)) {
            TelegramNotifier notifier = new TelegramNotifier(
                    CLIENT, URI.create(server.baseUrl()), TOKEN, CHAT, new SecretRedactor(), Duration.ofMillis(1500));
            assertThatThrownBy(() -> notifier.send(Updates.shutdown()))
                    .isInstanceOf(NotifyException.class)
                    .hasMessageContaining("after 2 attempts");
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void a500IsRetriedOnce() throws Exception {
        try (FakeTelegramServer server = FakeTelegramServer.start(TOKEN).serverError(1)) {
            notifier(server, TOKEN).send(Updates.shutdown());
            assertThat(server.requests())
                    .extracting(FakeTelegramServer.Received::status)
                    .containsExactly(500, 200);
        }
        try (FakeTelegramServer server = FakeTelegramServer.start(TOKEN).serverError(2)) {
            assertThatThrownBy(() -> notifier(server, TOKEN).send(Updates.shutdown()))
                    .isInstanceOf(NotifyException.class)
                    .hasMessage("telegram: sendMessage failed after 2 attempts: HTTP 500: Internal Server Error");
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void aBadTokenIsNotRetriedAndTheErrorNamesTelegramsWordsButNotTheToken() {
        String wrong = "999:another-plain-token";
        try (FakeTelegramServer server = FakeTelegramServer.start(TOKEN)) {
            NotifyException e = catchThrowableOfType(
                    NotifyException.class, () -> notifier(server, wrong).send(Updates.shutdown()));
            assertThat(e).hasMessage("telegram: sendMessage failed: HTTP 401: Unauthorized");
            assertThat(server.requests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.tokenValid()).isFalse());
            assertThat(e.toString()).doesNotContain(wrong);
        }
    }

    @Test
    void anUnknownChatIsNotRetriedAndSaysSo() {
        try (FakeTelegramServer server = FakeTelegramServer.start(TOKEN).onlyChat("1")) {
            assertThatThrownBy(() -> notifier(server, TOKEN).send(Updates.shutdown()))
                    .hasMessage("telegram: sendMessage failed: HTTP 400: Bad Request: chat not found");
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void nothingListeningIsRetriedOnceAndTheErrorNamesTheHostNotTheUrl() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        TelegramNotifier notifier =
                new TelegramNotifier(CLIENT, URI.create("http://127.0.0.1:" + port), TOKEN, CHAT, new SecretRedactor());
        NotifyException e = catchThrowableOfType(NotifyException.class, () -> notifier.send(Updates.shutdown()));
        assertThat(e.getMessage())
                .startsWith("telegram: sendMessage failed after 2 attempts: cannot connect to 127.0.0.1:" + port)
                .doesNotContain(TOKEN)
                .doesNotContain("/bot");
    }

    @Test
    void aTokenThatWouldChangeTheUrlIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> new TelegramNotifier(
                        CLIENT, TelegramNotifier.DEFAULT_API_BASE, "123:abc/../x", CHAT, new SecretRedactor()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("characters no bot token has")
                .hasMessageNotContaining("abc/../x");
    }

    private static TelegramNotifier notifier(FakeTelegramServer server, String token) {
        return new TelegramNotifier(CLIENT, URI.create(server.baseUrl()), token, CHAT, new SecretRedactor());
    }
}
