package dev.marble.format.chain;

import dev.marble.chain.ChainDefaults;
import dev.marble.chain.ChainMode;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.LinkSpec;
import dev.marble.chain.PromptSource;
import dev.marble.chain.TelegramSettings;
import dev.marble.chain.WebhookSettings;
import dev.marble.config.ShapeValidator;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Builds a {@link ChainSpec} from a chain file that has passed {@link ChainSchema}. */
final class ChainSpecReader {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    /** Headers Java's HTTP client sets itself and refuses to take from a caller. */
    private static final Set<String> RESTRICTED_HEADERS =
            Set.of("connection", "content-length", "expect", "host", "upgrade");

    private ChainSpecReader() {}

    static ChainSpec read(
            String name, Path file, FieldReader root, Map<String, PromptSource> prompts, List<String> unknownKeys) {
        FieldReader links = root.child("links");
        if (links.size() == 0) throw links.error("expected at least one link, got an empty list");
        List<LinkSpec> linkSpecs = new ArrayList<>(links.size());
        for (int i = 0; i < links.size(); i++) linkSpecs.add(LinkReader.read(links.element(i), i));

        return new ChainSpec(
                name,
                file,
                root.text("description", ""),
                ChainMode.fromWire(root.text("mode", "loop")).orElseThrow(),
                root.wholeNumber("max_rounds", ChainSchema.DEFAULT_MAX_ROUNDS),
                root.number("runtime_hours", 0),
                deadline(root),
                root.wholeNumber("max_consecutive_blocks", ChainSchema.DEFAULT_MAX_CONSECUTIVE_BLOCKS),
                root.wholeNumber("max_consecutive_failures", ChainSchema.DEFAULT_MAX_CONSECUTIVE_FAILURES),
                Duration.ofMillis(Math.round(root.number("pause_seconds", 0) * 1000)),
                root.flag("skip_protection", true),
                root.decimalOrNull("budget_usd"),
                defaults(root.child("defaults")),
                linkSpecs,
                prompts,
                telegram(root.child("telegram")),
                webhook(root.child("webhook")),
                unknownKeys);
    }

    /** llmauto used Python's {@code fromisoformat}, which also takes a date with a time; "" meant none. */
    private static LocalDate deadline(FieldReader root) {
        String text = root.text("deadline", "").strip();
        if (text.isEmpty()) return null;
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException notADate) {
            try {
                return LocalDateTime.parse(text).toLocalDate();
            } catch (DateTimeParseException notADateTime) {
                try {
                    return OffsetDateTime.parse(text).toLocalDate();
                } catch (DateTimeParseException e) {
                    throw root.error(
                            "deadline",
                            "expected an ISO date like 2026-03-31, got "
                                    + ShapeValidator.describe(root.node().get("deadline")));
                }
            }
        }
    }

    private static ChainDefaults defaults(FieldReader defaults) {
        if (defaults == null) return ChainDefaults.NONE;
        return new ChainDefaults(
                LinkReader.blankToNull(defaults.text("model", null)),
                LinkReader.blankToNull(defaults.text("fallback_model", null)),
                defaults.secondsOrNull("timeout_seconds"),
                defaults.text("permission_mode", null),
                defaults.textsOrNull("allowed_tools"));
    }

    private static TelegramSettings telegram(FieldReader telegram) {
        if (telegram == null) return null;
        String tokenEnv = telegram.text("bot_token_env", null);
        if (tokenEnv != null && !VARIABLE_NAME.matcher(tokenEnv).matches()) {
            // Not echoed: people paste the token itself here, and it must not reach a log.
            throw telegram.error(
                    "bot_token_env",
                    "expected the name of an environment variable "
                            + "(like MARBLE_TELEGRAM_BOT_TOKEN) that holds the bot token, not the token itself");
        }
        return new TelegramSettings(
                telegram.flagOrNull("enabled"),
                tokenEnv,
                telegram.text("chat_id", null),
                telegram.wholeNumber("update_every_n_links", 0));
    }

    private static WebhookSettings webhook(FieldReader webhook) {
        if (webhook == null) return null;
        URI url = url(webhook);
        Map<String, String> headers = new LinkedHashMap<>();
        FieldReader headerNode = webhook.child("headers");
        if (headerNode != null) {
            for (Map.Entry<String, JsonNode> header : headerNode.node().properties()) {
                String name = header.getKey();
                String value = header.getValue().stringValue();
                if (!HEADER_NAME.matcher(name).matches()
                        || RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    throw headerNode.keyError(
                            name,
                            "expected an HTTP header name that Marble may set "
                                    + "(letters, digits and -; not Host, Connection, Content-Length, Expect or "
                                    + "Upgrade)");
                }
                if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                    throw headerNode.error(name, "expected a header value on one line");
                }
                headers.put(name, value);
            }
        }
        return new WebhookSettings(url, headers);
    }

    /** The URL is never echoed: webhook URLs often carry their secret in the path. */
    private static URI url(FieldReader webhook) {
        String text = webhook.text("url", "").strip();
        String expected = "expected an absolute http:// or https:// URL";
        try {
            URI url = new URI(text);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null) return url;
            throw webhook.error("url", expected);
        } catch (URISyntaxException e) {
            throw webhook.error("url", expected + " (" + e.getReason() + ")");
        }
    }
}
