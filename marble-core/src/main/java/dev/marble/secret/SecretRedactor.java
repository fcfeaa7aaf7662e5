package dev.marble.secret;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it reaches a log, the journal, an export or an error message.
 * It knows two kinds: the values of secret-looking environment variables and any value registered
 * at run time (replaced by {@code [redacted:NAME]}), and token shapes that vendors publish (API keys,
 * bot tokens, bearer headers), replaced by {@code [redacted]} wherever they appear.
 *
 * <p>Every request and response passes through here on its way to the journal, so the common case,
 * text with no secret in it, must be cheap: each token shape has a literal prefilter (a few
 * {@code indexOf} scans), and its regular expression runs only where the prefilter finds a candidate.
 */
public final class SecretRedactor {

    private static final Pattern SECRET_VARIABLE = Pattern.compile(
            "(?i).*(API_?KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?|AUTH)$");
    /** Shorter values are not treated as secrets: redacting "1" or "true" would mangle every text. */
    private static final int MIN_SECRET_LENGTH = 8;

    /** A vendor token's shape, and a cheap test for whether text could hold one. */
    private record TokenShape(Predicate<String> mayContain, Pattern pattern) {}

    private static final List<TokenShape> TOKEN_SHAPES = List.of(
            new TokenShape(t -> t.contains("sk-"), Pattern.compile("sk-ant-[A-Za-z0-9_\\-]{8,}")),
            new TokenShape(t -> t.contains("sk-"), Pattern.compile("sk-[A-Za-z0-9_\\-]{16,}")),
            new TokenShape(SecretRedactor::hasDigitBeforeColon, Pattern.compile("\\b\\d{6,12}:[A-Za-z0-9_\\-]{30,}")), // Telegram bot token
            new TokenShape(t -> containsAnyCase(t, "bearer"), Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/\\-]{12,}=*")),
            new TokenShape(t -> containsAnyCase(t, "x-api-key"),
                    Pattern.compile("(?i)(x-api-key[\"']?\\s*[:=]\\s*[\"']?)[^\\s\"',}]{8,}")),
            new TokenShape(t -> t.contains("gh") && t.indexOf('_') >= 0, Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{20,}")),
            new TokenShape(t -> t.contains("AKIA"), Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b")),
            new TokenShape(t -> t.contains("xox"), Pattern.compile("\\bxox[abposr]-[A-Za-z0-9\\-]{10,}")));

    /** Value to name. */
    private final Map<String, String> known = new ConcurrentHashMap<>();
    /** The known values, longest first (so a secret that contains another is replaced whole); rebuilt on register. */
    private volatile List<Map.Entry<String, String>> longestFirst = List.of();

    public static SecretRedactor fromEnvironment(Map<String, String> variables) {
        SecretRedactor redactor = new SecretRedactor();
        variables.forEach((name, value) -> {
            if (SECRET_VARIABLE.matcher(name).matches()) redactor.register(name, value);
        });
        return redactor;
    }

    /** Registers a secret value under a name that may be shown in its place. */
    public void register(String name, String value) {
        if (value == null || value.strip().length() < MIN_SECRET_LENGTH) return;
        if (name.equals(known.put(value.strip(), name))) return;
        synchronized (this) {
            longestFirst = known.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed())
                    .toList();
        }
    }

    public Set<String> registeredNames() {
        return Set.copyOf(known.values());
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text;
        for (Map.Entry<String, String> secret : longestFirst) {
            if (out.contains(secret.getKey())) out = out.replace(secret.getKey(), "[redacted:" + secret.getValue() + "]");
        }
        for (TokenShape shape : TOKEN_SHAPES) {
            if (shape.mayContain().test(out)) out = replace(shape.pattern(), out);
        }
        return out;
    }

    private static String replace(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) return text;
        StringBuilder sb = new StringBuilder(text.length());
        do {
            String keep = matcher.groupCount() >= 1 && matcher.group(1) != null ? matcher.group(1) : "";
            matcher.appendReplacement(sb, Matcher.quoteReplacement(keep + "[redacted]"));
        } while (matcher.find());
        matcher.appendTail(sb);
        return sb.toString();
    }

    /** Whether some ':' follows a digit, as in every Telegram bot token ({@code 123456:ABC…}). */
    private static boolean hasDigitBeforeColon(String text) {
        for (int colon = text.indexOf(':', 1); colon > 0; colon = text.indexOf(':', colon + 1)) {
            if (Character.isDigit(text.charAt(colon - 1))) return true;
        }
        return false;
    }

    /** Lower-case, capitalised or upper-case occurrences: how headers and prose write these words. */
    private static boolean containsAnyCase(String text, String lower) {
        return text.contains(lower)
                || text.contains(Character.toUpperCase(lower.charAt(0)) + lower.substring(1))
                || text.contains(lower.toUpperCase(java.util.Locale.ROOT));
    }

    /** A secret as {@code marble config} shows it: whether it is set, never any of its characters. */
    public static String mask(String value) {
        return value == null || value.isBlank() ? "(not set)" : "******** (set, " + value.length() + " characters)";
    }
}
