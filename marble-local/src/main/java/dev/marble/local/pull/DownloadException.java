package dev.marble.local.pull;

import dev.marble.error.MarbleException;

/** A download failed: the server refused, the connection broke beyond retrying, or the checksum differs. */
public final class DownloadException extends MarbleException {

    public DownloadException(String message) {
        super(message, null);
    }

    public DownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
