package dev.marble.error;

import java.time.Duration;

/**
 * One attempt at one model failed. {@link #kind()} decides whether retrying can help; the message
 * is already free of secrets.
 */
public class ModelException extends MarbleException {

    /** What went wrong, coarse enough to decide on retries. */
    public enum Kind {
        RATE_LIMITED(true),
        OVERLOADED(true),
        SERVER_ERROR(true),
        CONNECTION(true),
        TIMEOUT(true),
        /** The response broke off or could not be parsed: a retry may get a whole one. */
        INVALID_RESPONSE(true),
        AUTHENTICATION(false),
        BAD_REQUEST(false),
        NOT_FOUND(false),
        /** The provider's own program failed (the Claude Code CLI reported is_error, or crashed). */
        PROVIDER_FAILED(false),
        /** The provider cannot run here at all: a missing binary, a missing key. */
        UNAVAILABLE(false),
        INTERRUPTED(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;
    private final Integer httpStatus;
    private final Duration retryAfter;
    private final boolean retryable;

    public ModelException(Kind kind, String message) {
        this(kind, message, null, null, null);
    }

    public ModelException(Kind kind, String message, Integer httpStatus, Duration retryAfter, Throwable cause) {
        this(kind, message, httpStatus, retryAfter, cause, kind.retryable());
    }

    private ModelException(
            Kind kind, String message, Integer httpStatus, Duration retryAfter, Throwable cause, boolean retryable) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
        this.retryable = retryable;
    }

    /**
     * A failure that retrying cannot help whatever its kind: the provider already retried (the
     * Claude Code CLI does, for minutes), so only a fallback model may still be tried.
     */
    public static ModelException terminal(Kind kind, String message, Integer httpStatus) {
        return new ModelException(kind, message, httpStatus, null, null, false);
    }

    /** The same failure (kind, status, retry, cause) said with another message, e.g. one that names a dump file. */
    public ModelException withMessage(String message) {
        return new ModelException(kind, message, httpStatus, retryAfter, getCause(), retryable);
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The HTTP status the server answered with, or null when the failure was not an HTTP answer. */
    public Integer httpStatus() {
        return httpStatus;
    }

    /** How long the server asked us to wait ({@code Retry-After}), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
