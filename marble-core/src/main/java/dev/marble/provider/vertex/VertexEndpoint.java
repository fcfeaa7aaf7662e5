package dev.marble.provider.vertex;

import dev.marble.error.ModelException;
import dev.marble.provider.anthropic.AnthropicEndpoint;
import dev.marble.secret.SecretRedactor;
import dev.marble.secret.google.GoogleAccessTokens;
import dev.marble.secret.oauth.OAuthException;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Claude on Vertex AI: the Messages API body without {@code model} (the URL names it) and with
 * {@code anthropic_version: vertex-2023-10-16} in the body instead of a header, authenticated by a Google access
 * token that is refreshed as it nears expiry.
 */
final class VertexEndpoint implements AnthropicEndpoint {

    static final String ANTHROPIC_VERSION = "vertex-2023-10-16";

    private final VertexLocation location;
    private final GoogleAccessTokens tokens;
    private final SecretRedactor redactor;

    VertexEndpoint(VertexLocation location, GoogleAccessTokens tokens, SecretRedactor redactor) {
        this.location = location;
        this.tokens = tokens;
        this.redactor = redactor;
    }

    @Override
    public URI uri(String model, boolean stream) {
        return location.uri(model, stream);
    }

    @Override
    public Map<String, String> headers() {
        String token;
        try {
            token = tokens.accessToken();
        } catch (OAuthException failed) {
            // an endpoint out of reach may answer on a retry; a refused credential is like a refused key: it will not
            ModelException.Kind kind = failed.getCause() instanceof IOException
                    ? ModelException.Kind.CONNECTION
                    : ModelException.Kind.AUTHENTICATION;
            throw new ModelException(kind, "cannot get a Google access token: " + redactor.redact(failed.getMessage()));
        }
        return Map.of("authorization", "Bearer " + token, "user-agent", AnthropicEndpoint.userAgent());
    }

    @Override
    public void adapt(ObjectNode body) {
        body.remove("model");
        body.put("anthropic_version", ANTHROPIC_VERSION);
    }
}
