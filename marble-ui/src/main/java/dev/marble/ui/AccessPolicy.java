package dev.marble.ui;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Who may talk to the dashboard. On loopback (the default) only pages named 127.0.0.1, localhost or [::1]: a
 * Host header naming anything else is a DNS-rebinding page and gets 403. Bound elsewhere (--bind), every request
 * must carry the access token printed at start. Every POST must carry the page's CSRF token and, when the browser
 * names an Origin, come from the dashboard's own.
 *
 * @param accessToken required on every request; empty on loopback
 * @param csrfToken the token the pages embed and the API's POSTs must echo in {@link #CSRF_HEADER}
 */
public record AccessPolicy(boolean loopbackOnly, Optional<String> accessToken, String csrfToken) {

    public static final String CSRF_HEADER = "X-Marble-Csrf";
    public static final String TOKEN_COOKIE = "marble_token";
    public static final String TOKEN_PARAMETER = "token";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The policy for a server bound to {@code address}: loopback needs no access token, anything else does. */
    public static AccessPolicy forAddress(InetAddress address) {
        boolean loopback = address.isLoopbackAddress();
        return new AccessPolicy(loopback, loopback ? Optional.empty() : Optional.of(randomToken()), randomToken());
    }

    static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The Host header is one a loopback dashboard answers to; without it, a rebinding page could read it. */
    public boolean hostAllowed(String host) {
        if (!loopbackOnly) return true;
        if (host == null) return false;
        String name = host.strip().toLowerCase(java.util.Locale.ROOT);
        if (name.startsWith("[")) {
            int close = name.indexOf(']');
            return close > 0 && name.substring(0, close + 1).equals("[::1]") && portOnly(name.substring(close + 1));
        }
        int colon = name.indexOf(':');
        String bare = colon < 0 ? name : name.substring(0, colon);
        return (bare.equals("127.0.0.1") || bare.equals("localhost"))
                && portOnly(colon < 0 ? "" : name.substring(colon));
    }

    private static boolean portOnly(String rest) {
        return rest.isEmpty() || rest.matches(":[0-9]{1,5}");
    }

    /** The request carries the access token (or none is needed). */
    public boolean tokenAccepted(String presented) {
        return accessToken.isEmpty() || (presented != null && same(presented, accessToken.get()));
    }

    /**
     * A state-changing request may go on: it echoes the CSRF token, and its Origin, when the browser sends one, is
     * the dashboard's own (the Host it was sent to).
     */
    public boolean postAllowed(String origin, String host, String csrf) {
        if (csrf == null || !same(csrf, csrfToken)) return false;
        if (origin == null) return true;
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
