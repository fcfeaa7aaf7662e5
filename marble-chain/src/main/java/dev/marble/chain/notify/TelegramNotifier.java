package dev.marble.chain.notify;

import dev.marble.json.Json;
import dev.marble.secret.SecretRedactor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends updates with the Bot API's {@code sendMessage}: {@code POST <apiBase>/bot<token>/sendMessage} with
 * JSON {@code {chat_id, text}}, as llmauto does, but with the retries llmauto lacked. A 429 is retried after
 * the {@code retry_after} Telegram names (at most twice, and never past 60 s of waiting in all: a chain
 * must not stall on its notifications); a 5xx or a broken connection once; any other 4xx not at all, since
 * a bad token or chat id stays bad. The URL carries the token, so nothing here prints the URL, and every
 * error passes through the redactor with the token registered.
 */
public final class TelegramNotifier implements Notifier {

    public static final URI DEFAULT_API_BASE = URI.create("https://api.telegram.org");
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Duration MAX_TOTAL_WAIT = Duration.ofSeconds(60);
    static final int MAX_RATE_LIMIT_RETRIES = 2;
    /** A 5xx is retried after this pause: at once would likely meet the same failing server. */
    static final Duration SERVER_ERROR_PAUSE = Duration.ofSeconds(1);
    /** Bot tokens are {@code <digits>:<letters, digits, _ and ->}; anything else would change the URL's path. */
    private static final Pattern TOKEN_CHARACTERS = Pattern.compile("[A-Za-z0-9:_\\-]+");

    private final HttpClient client;
    private final URI endpoint;
    private final String token;
    private final String chatId;
    private final SecretRedactor redactor;
    private final Duration maxTotalWait;

    public TelegramNotifier(HttpClient client, URI apiBase, String token, String chatId, SecretRedactor redactor) {
        this(client, apiBase, token, chatId, redactor, MAX_TOTAL_WAIT);
    }

    /** With a smaller waiting budget, so a test can reach the budget without waiting a minute. */
    TelegramNotifier(
            HttpClient client,
            URI apiBase,
            String token,
            String chatId,
            SecretRedactor redactor,
            Duration maxTotalWait) {
        this.client = Objects.requireNonNull(client, "client");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        if (token == null || token.isBlank()) throw new IllegalArgumentException("the Telegram bot token is empty");
        if (!TOKEN_CHARACTERS.matcher(token).matches()) {
            // Said without the token: this message may reach a log.
            throw new IllegalArgumentException("the Telegram bot token has characters no bot token has "
                    + "(expected digits, ':', then letters, digits, '_' or '-')");
        }
        if (chatId == null || chatId.isBlank()) throw new IllegalArgumentException("the Telegram chat_id is empty");
        this.token = token;
        this.chatId = chatId.strip();
        this.maxTotalWait = maxTotalWait;
        redactor.register("TELEGRAM_BOT_TOKEN", token);
        String base = Objects.requireNonNull(apiBase, "apiBase").toString().replaceAll("/+$", "");
        this.endpoint = URI.create(base + "/bot" + token + "/sendMessage");
    }

    @Override
    public String name() {
        return "telegram";
    }

    @Override
    public void send(ChainUpdate update) throws NotifyException {
        ObjectNode body = Json.object().put("chat_id", chatId).put("text", UpdateText.of(update));
        String json = Json.write(body);
        Duration waited = Duration.ZERO;
        int rateLimited = 0;
        int transientFailures = 0;
        for (int attempt = 1; ; attempt++) {
            TelegramAnswer answer;
            try {
                answer = TelegramAnswer.read(JsonPost.post(client, endpoint, Map.of(), json, TIMEOUT));
            } catch (IOException e) {
                String why = JsonPost.describe(e, endpoint, TIMEOUT);
                if (transientFailures++ == 0 && fits(waited, SERVER_ERROR_PAUSE)) {
                    waited = waited.plus(pause(SERVER_ERROR_PAUSE));
                    continue;
                }
                throw failure(attempt, why);
            } catch (InterruptedException e) {
                throw interrupted();
            }
            if (answer.ok()) return;
            if (answer.status() == 429) {
                Duration wait = answer.retryAfter() == null ? Duration.ofSeconds(1) : answer.retryAfter();
                if (rateLimited == MAX_RATE_LIMIT_RETRIES) {
                    throw failure(attempt, answer.summary() + " (still limited after " + rateLimited + " retries)");
                }
                if (!fits(waited, wait)) {
                    throw failure(
                            attempt,
                            answer.summary() + " (waiting " + wait.toSeconds() + " s more would pass the "
                                    + maxTotalWait.toSeconds() + " s a notification may wait)");
                }
                rateLimited++;
                waited = waited.plus(pause(wait));
                continue;
            }
            if (answer.status() >= 500 && transientFailures++ == 0 && fits(waited, SERVER_ERROR_PAUSE)) {
                waited = waited.plus(pause(SERVER_ERROR_PAUSE));
                continue;
            }
            throw failure(attempt, answer.summary());
        }
    }

    private boolean fits(Duration waited, Duration more) {
        return waited.plus(more).compareTo(maxTotalWait) <= 0;
    }

    private Duration pause(Duration wait) throws NotifyException {
        try {
            if (!wait.isZero()) Thread.sleep(wait);
            return wait;
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    private NotifyException interrupted() {
        Thread.currentThread().interrupt();
        return new NotifyException("telegram: sendMessage interrupted");
    }

    private NotifyException failure(int attempts, String why) {
        String text =
                "telegram: sendMessage failed" + (attempts > 1 ? " after " + attempts + " attempts" : "") + ": " + why;
        return new NotifyException(scrub(text));
    }

    /** The token removed literally (even one too short for the redactor to take), then every other secret. */
    private String scrub(String text) {
        return redactor.redact(text.replace(token, "[redacted:TELEGRAM_BOT_TOKEN]"));
    }
}
