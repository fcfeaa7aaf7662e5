package dev.marble.chain.notify;

import dev.marble.error.MarbleException;

/**
 * A notification was not delivered. The message is one line for the chain log, already redacted: it
 * names the channel, the HTTP status and the server's own description, never a token or a secret URL.
 * It never ends a chain: {@link Notifications} logs it and goes on.
 */
public class NotifyException extends MarbleException {

    public NotifyException(String message) {
        super(message);
    }
}
