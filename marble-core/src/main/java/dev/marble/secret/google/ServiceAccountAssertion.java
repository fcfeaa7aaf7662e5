package dev.marble.secret.google;

import dev.marble.json.Json;
import dev.marble.secret.oauth.OAuthException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import tools.jackson.databind.node.ObjectNode;

/**
 * The signed JWT a service account trades for an access token (RFC 7523, as Google's OAuth 2.0 for service
 * accounts describes it): RS256 over the header and claims, signed with the account's PKCS#8 key by the JDK alone.
 */
public final class ServiceAccountAssertion {

    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    public static final String CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    /** Google takes assertions that live at most an hour. */
    static final Duration LIFETIME = Duration.ofHours(1);

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private ServiceAccountAssertion() {}

    /** A JWT for {@code account}, asking for {@code scope}, issued at {@code now}. */
    public static String sign(GoogleCredentials.ServiceAccount account, String scope, Instant now) {
        ObjectNode header = Json.object();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        if (account.privateKeyId() != null) header.put("kid", account.privateKeyId());
        ObjectNode claims = Json.object();
        claims.put("iss", account.clientEmail());
        claims.put("scope", scope);
        claims.put("aud", account.tokenUri());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(LIFETIME).getEpochSecond());
        String signingInput = encode(Json.write(header)) + "." + encode(Json.write(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey(account));
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            // the exception's text says what is wrong with the key, never the key itself
            throw new OAuthException(account.file() + ": field private_key cannot sign (" + e.getMessage() + ")");
        }
    }

    /** The PEM's base64 body between its BEGIN and END lines, as a PKCS#8 RSA key. */
    static PrivateKey privateKey(GoogleCredentials.ServiceAccount account) throws GeneralSecurityException {
        String pem = account.privateKeyPem();
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new OAuthException(
                    account.file() + ": field private_key is not a PEM \"BEGIN PRIVATE KEY\" (PKCS#8) block");
        }
        String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException notBase64) {
            throw new OAuthException(account.file() + ": field private_key is not valid base64 inside its PEM block");
        }
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
