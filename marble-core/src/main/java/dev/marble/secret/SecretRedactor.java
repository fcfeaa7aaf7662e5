package dev.marble.secret;

import dev.marble.json.Json;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Removes secrets from text before it reaches a log, the journal, an export or an error message.
 * It knows two kinds: the values of secret variables (see {@link SecretVariables}; those configuration
 * names are registered when Marble starts) and any value registered at run time, replaced by
 * {@code [redacted:NAME]}; and token shapes that vendors publish (API keys, bot tokens, bearer headers,
 * private keys, JWTs, a URL's password), replaced by {@code [redacted]} wherever they appear. It also
 * answers which variables are secret ({@link #isSecretVariable}), for the environment tools get.
 *
 * <p>Every request and response passes through here on its way to the journal, so the common case,
 * text with no secret in it, must be cheap: each token shape has a literal prefilter (a few
 * {@code indexOf} scans), and its regular expression runs only where the prefilter finds a candidate.
 */
public final class SecretRedactor {

    /** Shorter values are not treated as secrets: redacting "1" or "true" would mangle every text. */
    private static final int MIN_SECRET_LENGTH = 8;
    /** The characters of a PEM block's body (base64, its header lines, and the \\n escapes of a JSON-quoted key). */
    private static final String PEM_BODY = "[A-Za-z0-9+/=\\s\\\\:,.\\-]";

    /** A vendor token's shape, and a cheap test for whether text could hold one. */
    private record TokenShape(Predicate<String> mayContain, Pattern pattern) {}

    private static final List<TokenShape> TOKEN_SHAPES = List.of(
            // Anthropic (sk-ant-...) and OpenAI (sk-..., sk-proj-...) keys
            new TokenShape(
                    t -> t.contains("sk-"), Pattern.compile("sk-(?:ant-[A-Za-z0-9_\\-]{8,}|[A-Za-z0-9_\\-]{16,})")),
            new TokenShape(
                    SecretRedactor::hasDigitsBeforeColon,
                    Pattern.compile("\\b\\d{6,12}:[A-Za-z0-9_\\-]{30,}")), // Telegram bot token
            new TokenShape(
                    t -> t.contains("earer") || t.contains("EARER"),
                    Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/\\-]{12,}=*")),
            new TokenShape(
                    SecretRedactor::hasApiKeyHeader,
                    Pattern.compile("(?i)(x-api-key[\"']?\\s*[:=]\\s*[\"']?)[^\\s\"',}]{8,}")),
            new TokenShape(
                    t -> t.contains("gh") && t.indexOf('_') >= 0, Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{20,}")),
            new TokenShape(t -> t.contains("AKIA"), Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b")),
            new TokenShape(t -> t.contains("xox"), Pattern.compile("\\bxox[abposr]-[A-Za-z0-9\\-]{10,}")),
            // Stripe secret and restricted keys, live and test
            new TokenShape(SecretRedactor::hasStripePrefix, Pattern.compile("\\b[rs]k_(?:live|test)_[0-9A-Za-z]{10,}")),
            new TokenShape(t -> t.contains("AIza"), Pattern.compile("\\bAIza[0-9A-Za-z_\\-]{35}")), // Google API key
            // A PEM private key: the BEGIN line stays, the body goes up to its END line, or as far as it goes when cut
            new TokenShape(
                    t -> t.contains("PRIVATE KEY-----"),
                    Pattern.compile("(-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----)" + PEM_BODY + "*?"
                            + "(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|(?!" + PEM_BODY + ")|\\z)")),
            // A JSON Web Token: header and payload are base64url JSON objects, so both start "eyJ"
            new TokenShape(
                    t -> t.contains("eyJ"),
                    Pattern.compile("\\beyJ[A-Za-z0-9_\\-]{8,}\\.eyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]*")),
            // The password of user:password@ in a URL (DATABASE_URL and the like); the user name stays
            new TokenShape(
                    SecretRedactor::hasUrlCredentials,
                    Pattern.compile("(\\b[A-Za-z][A-Za-z0-9+.\\-]*://[^\\s:/@\"'<>]+:)[^\\s/@\"'<>]+(?=@)")));

    /** Value to name. */
    private final Map<String, String> known = new ConcurrentHashMap<>();
    /** The known values, longest first (so a secret that contains another is replaced whole); rebuilt on register. */
    private volatile List<Map.Entry<String, String>> longestFirst = List.of();
    /** Variables known to hold secrets beyond what their names say: named in configuration, or registered. */
    private final Set<String> secretNames = ConcurrentHashMap.newKeySet();

    /** A redactor that knows the value of every variable whose name marks it secret (see {@link SecretVariables}). */
    public static SecretRedactor fromEnvironment(Map<String, String> variables) {
        SecretRedactor redactor = new SecretRedactor();
        variables.forEach((name, value) -> {
            if (SecretVariables.looksSecret(name)) redactor.register(name, value);
        });
        return redactor;
    }

    /**
     * Marks each named variable as secret, whatever its name looks like, and registers its value in
     * {@code variables} (if set): configuration names them ({@code api_key_env: "ODD_NAME"}).
     */
    public void registerVariables(Collection<String> names, Map<String, String> variables) {
        for (String name : names) {
            secretNames.add(name);
            register(name, variables.get(name));
        }
    }

    /** Registers a secret value under a name that may be shown in its place. */
    public void register(String name, String value) {
        secretNames.add(name);
        if (value == null || value.strip().length() < MIN_SECRET_LENGTH) return;
        if (name.equals(known.put(value.strip(), name))) return;
        synchronized (this) {
            longestFirst = known.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparingInt(
                                    (Map.Entry<String, String> e) -> e.getKey().length())
                            .reversed())
                    .toList();
        }
    }

    /**
     * Whether the variable holds a secret: its name says so, configuration or a registration named it, or its
     * value is a registered secret (a key copied into a variable of an innocent name). Tool environments leave
     * such variables out.
     */
    public boolean isSecretVariable(String name, String value) {
        return SecretVariables.looksSecret(name)
                || secretNames.contains(name)
                || value != null && known.containsKey(value.strip());
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text;
        for (Map.Entry<String, String> secret : longestFirst) {
            if (out.contains(secret.getKey()))
                out = out.replace(secret.getKey(), "[redacted:" + secret.getValue() + "]");
            out = redactCutEnd(out, secret.getKey(), secret.getValue());
        }
        for (TokenShape shape : TOKEN_SHAPES) {
            if (shape.mayContain().test(out)) out = replace(shape.pattern(), out);
        }
        return out;
    }

    /**
     * The start of a secret at the end of {@code text}, as left where a message was shortened in the middle of it
     * ({@code HttpErrors} keeps an error body's first 300 characters): the whole value no longer appears, but its
     * first characters are still a secret's. Only starts of {@link #MIN_SECRET_LENGTH} characters or more count, and
     * an ellipsis after them is kept.
     */
    private static String redactCutEnd(String text, String secret, String name) {
        int end = text.length();
        if (text.endsWith("…")) end -= 1;
        else if (text.endsWith("...")) end -= 3;
        // One scan of the last secret-length characters for the secret's first characters; most texts stop here.
        String head = secret.substring(0, MIN_SECRET_LENGTH);
        int from = Math.max(0, end - secret.length() + 1);
        for (int at = text.indexOf(head, from);
                at >= 0 && at + MIN_SECRET_LENGTH <= end;
                at = text.indexOf(head, at + 1)) {
            if (secret.startsWith(text.substring(at, end)))
                return text.substring(0, at) + "[redacted:" + name + "]" + text.substring(end);
        }
        return text;
    }

    /**
     * A copy of {@code node} with every string in it redacted, keys kept. Redacting JSON as text could cut an
     * escape sequence in half and leave text that no longer parses.
     */
    public JsonNode redact(JsonNode node) {
        return Json.mapStrings(node, this::redact);
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

    // The prefilters below each make one vectorised indexOf scan and look closer only where it stops: text without
    // secrets, the common case, costs a few scans, not a regular expression.

    /** Whether some ':' follows six digits, as in every Telegram bot token ({@code 123456:ABC…}); "12:34" does not. */
    private static boolean hasDigitsBeforeColon(String text) {
        for (int colon = text.indexOf(':', 6); colon > 0; colon = text.indexOf(':', colon + 1)) {
            int digits = 0;
            while (digits < 6 && Character.isDigit(text.charAt(colon - 1 - digits))) digits++;
            if (digits == 6) return true;
        }
        return false;
    }

    /** Whether "x-api-key" appears in any case (headers are written X-Api-Key, x-api-key, X-API-KEY). */
    private static boolean hasApiKeyHeader(String text) {
        for (int dash = text.indexOf('-', 1); dash > 0; dash = text.indexOf('-', dash + 1)) {
            if (text.regionMatches(true, dash - 1, "x-api-key", 0, 9)) return true;
        }
        return false;
    }

    /** Whether "sk_live_", "rk_live_", "sk_test_" or "rk_test_" appears. */
    private static boolean hasStripePrefix(String text) {
        for (int at = text.indexOf("k_", 1); at > 0; at = text.indexOf("k_", at + 2)) {
            char before = text.charAt(at - 1);
            if ((before == 's' || before == 'r')
                    && (text.startsWith("live_", at + 2) || text.startsWith("test_", at + 2))) return true;
        }
        return false;
    }

    /** Whether some "://" is followed by a user, a ':' and an '@' before the URL's path or its end. */
    private static boolean hasUrlCredentials(String text) {
        for (int scheme = text.indexOf("://"); scheme >= 0; scheme = text.indexOf("://", scheme + 3)) {
            boolean colon = false;
            for (int i = scheme + 3; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '@') {
                    if (colon) return true;
                    break;
                }
                if (c == ':') colon = true;
                else if (c == '/' || Character.isWhitespace(c)) break;
            }
        }
        return false;
    }

    /** A secret as {@code marble config} shows it: whether it is set, never any of its characters. */
    public static String mask(String value) {
        return value == null || value.isBlank() ? "(not set)" : "******** (set, " + value.length() + " characters)";
    }
}
