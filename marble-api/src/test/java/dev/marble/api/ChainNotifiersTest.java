package dev.marble.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.Marble;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.notify.ChainUpdate;
import dev.marble.chain.notify.Notifier;
import dev.marble.config.Environment;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.StopReason;
import dev.marble.model.StreamListener;
import dev.marble.provider.ChatModel;
import dev.marble.testkit.FakeTelegramServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain started from code tells every notifier: Telegram as configured, a user's factory found on the class path
 * ({@link FileNotifierFactory}) and a notifier handed over in code, all through the same registration.
 */
class ChainNotifiersTest {

    private static final String TOKEN = "123456:ABC-secret-bot-token";

    @TempDir
    Path temp;

    /** A model that tidies up at once, registered under a name the chain file uses. */
    private static final class Tidier implements ChatModel {
        @Override
        public ModelRef ref() {
            return new ModelRef("tidier", "default");
        }

        @Override
        public ChatResponse chat(ChatRequest request, StreamListener listener) {
            return new ChatResponse(
                    Message.assistant("Tidied."),
                    StopReason.END_TURN,
                    "end_turn",
                    null,
                    ref(),
                    null,
                    null,
                    null,
                    List.of());
        }
    }

    /** Keeps what the chain told it. */
    private static final class InCode implements Notifier {
        final List<ChainUpdate> received = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "in-code";
        }

        @Override
        public void send(ChainUpdate update) {
            received.add(update);
        }
    }

    private Path chainFile() throws IOException {
        return Files.writeString(Files.createDirectories(temp.resolve("chains")).resolve("tidy.json"), """
                {"mode": "once", "telegram": {"enabled": true, "chat_id": "4711"},
                 "links": [{"name": "worker", "model": "tidier", "prompt": "Tidy up."}]}
                """);
    }

    @Test
    void telegramAUsersFactoryAndANotifierInCodeAllHearTheChainEnd() throws IOException {
        Path notes = temp.resolve("notes.txt");
        try (FakeTelegramServer telegram = FakeTelegramServer.start(TOKEN)) {
            Files.writeString(
                    temp.resolve("marble.json"), "{\"telegram\": {\"api_base\": \"" + telegram.baseUrl() + "\"}}");
            Environment environment = new Environment(
                    Map.of("LLMAUTO_TELEGRAM_BOT_TOKEN", TOKEN, "NOTIFY_FILE", notes.toString()), temp, temp);
            InCode inCode = new InCode();
            ByteArrayOutputStream echo = new ByteArrayOutputStream();
            try (Marble marble = Marble.start(environment, warning -> {})) {
                marble.registerModel("tidier", new Tidier());
                ChainSpec chain = Chains.load(marble, chainFile());
                Chains.start(marble, temp, chain, new PrintStream(echo, true, StandardCharsets.UTF_8), List.of(inCode));
            }

            assertThat(inCode.received).extracting(ChainUpdate::kind).containsExactly(ChainUpdate.Kind.COMPLETED);
            assertThat(notes).hasContent("tidy COMPLETED");
            assertThat(telegram.messages())
                    .singleElement()
                    .satisfies(message -> assertThat(message.chatId()).isEqualTo("4711"));
            String log = echo.toString(StandardCharsets.UTF_8) + Files.readString(temp.resolve("logs/tidy.log"));
            assertThat(log).doesNotContain("NOTIFICATIONS:").doesNotContain(TOKEN);
        }
    }

    @Test
    void aUsersFactoryThatIsNotConfiguredStaysOffWithoutAWord() throws IOException {
        ByteArrayOutputStream echo = new ByteArrayOutputStream();
        try (Marble marble = Marble.start(new Environment(Map.of(), temp, temp), warning -> {})) {
            marble.registerModel("tidier", new Tidier());
            Chains.start(marble, temp, chainFile(), new PrintStream(echo, true, StandardCharsets.UTF_8));
        }
        assertThat(temp.resolve("notes.txt")).doesNotExist();
        // Telegram is switched on in the file but has no token: that one line is all the notifications say.
        assertThat(echo.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains("NOTIFICATIONS:")))
                .singleElement()
                .asString()
                .contains("telegram: off: no bot token");
    }
}
