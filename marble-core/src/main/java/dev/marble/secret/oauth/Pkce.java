package dev.marble.secret.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair (RFC 7636): the verifier Marble keeps and sends only to the token endpoint, and its S256 challenge,
 * which goes into the authorization URL. Whoever intercepts the redirect's code cannot use it without the verifier.
 */
public record Pkce(String verifier, String challenge) {

    public static final String METHOD = "S256";

    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    /** 32 random bytes, base64url: a 43-character verifier, the shortest RFC 7636 allows and plenty of entropy. */
    public static Pkce generate(SecureRandom random) {
        String verifier = randomToken(random);
        return new Pkce(verifier, challengeOf(verifier));
    }

    /** {@code BASE64URL(SHA-256(ASCII(verifier)))}, as RFC 7636 section 4.2 defines S256. */
    public static String challengeOf(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return URL_SAFE.encodeToString(hash);
        } catch (NoSuchAlgorithmException everyJdkHasIt) {
            throw new IllegalStateException(everyJdkHasIt);
        }
    }

    /** 32 random bytes, base64url without padding: for verifiers and the {@code state} parameter. */
    public static String randomToken(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return URL_SAFE.encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "Pkce[challenge=" + challenge + "]";
    }
}
