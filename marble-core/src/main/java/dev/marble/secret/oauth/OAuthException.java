package dev.marble.secret.oauth;

import dev.marble.error.MarbleException;

/** The OAuth flow failed: the server refused, answered in a shape OAuth does not define, or no callback came. */
public final class OAuthException extends MarbleException {

    public OAuthException(String message) {
        super(message);
    }

    public OAuthException(String message, Throwable cause) {
        super(message, cause);
    }
}
