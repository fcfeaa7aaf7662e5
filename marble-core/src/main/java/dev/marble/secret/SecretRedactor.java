package dev.marble.secret;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it reaches a log, the journal, an export or an error message.
 * It knows two kinds: the values of secret-looking environment variables and any value registered
 * at run time (replaced by {@code [redacted:NAME]}), and token shapes that vendors publish (API keys,
 * bot tokens, bearer headers), replaced by {@code [redacted]} wherever they appear.
 */
public final class SecretRedactor {

    private static final Pattern SECRET_VARIABLE = Pattern.compile(
            "(?i).*(API_?KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?|AUTH)$");
    /** Shorter values are not treated as secrets: redacting "1" or "true" would mangle every text. */
    private static final int MIN_SECRET_LENGTH = 8;

    private static final List<Pattern> TOKEN_SHAPES = List.of(
            Pattern.compile("sk-ant-[A-Za-z0-9_\\-]{8,}"),
            Pattern.compile("sk-[A-Za-z0-9_\\-]{16,}"),
            Pattern.compile("\\b\\d{6,12}:[A-Za-z0-9_\\-]{30,}"),            // Telegram bot token
            Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/\\-]{12,}=*"),
            Pattern.compile("(?i)(x-api-key[\"']?\\s*[:=]\\s*[\"']?)[^\\s\"',}]{8,}"),
            Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{20,}"),
            Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b"),
            Pattern.compile("\\bxox[abposr]-[A-Za-z0-9\\-]{10,}"));

    /** Value to name; longest values first, so a secret that contains another is replaced whole. */
    private final Map<String, String> known = new ConcurrentHashMap<>();

    public static SecretRedactor fromEnvironment(Map<String, String> variables) {
        SecretRedactor redactor = new SecretRedactor();
        variables.forEach((name, value) -> {
            if (SECRET_VARIABLE.matcher(name).matches()) redactor.register(name, value);
        });
        return redactor;
    }

    /** Registers a secret value under a name that may be shown in its place. */
    public void register(String name, String value) {
        if (value != null && value.strip().length() >= MIN_SECRET_LENGTH) known.put(value.strip(), name);
    }

    public Set<String> registeredNames() {
        return Set.copyOf(known.values());
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text;
        if (!known.isEmpty()) {
            Map<String, String> longestFirst = new TreeMap<>(Comparator.comparingInt(String::length).reversed()
                    .thenComparing(Comparator.naturalOrder()));
            longestFirst.putAll(known);
            for (Map.Entry<String, String> secret : longestFirst.entrySet()) {
                if (out.contains(secret.getKey())) {
                    out = out.replace(secret.getKey(), "[redacted:" + secret.getValue() + "]");
                }
            }
        }
        for (Pattern shape : TOKEN_SHAPES) {
            Matcher matcher = shape.matcher(out);
            if (!matcher.find()) continue;
            StringBuilder sb = new StringBuilder();
            matcher.reset();
            while (matcher.find()) {
                String keep = matcher.groupCount() >= 1 && matcher.group(1) != null ? matcher.group(1) : "";
                matcher.appendReplacement(sb, Matcher.quoteReplacement(keep + "[redacted]"));
            }
            matcher.appendTail(sb);
            out = sb.toString();
        }
        return out;
    }

    /** A secret as {@code marble config} shows it: whether it is set, never any of its characters. */
    public static String mask(String value) {
        return value == null || value.isBlank() ? "(not set)" : "******** (set, " + value.length() + " characters)";
    }
}
