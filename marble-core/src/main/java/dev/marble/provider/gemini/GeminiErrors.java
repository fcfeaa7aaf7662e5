package dev.marble.provider.gemini;

import dev.marble.error.ModelException;
import dev.marble.secret.SecretRedactor;

/**
 * The Gemini API's errors as Marble reports them. The API's messages run over several lines (one per field it
 * refuses), and an error must be one line, with every secret Marble knows hidden. A key the API does not know is
 * a 400 on this API (status {@code INVALID_ARGUMENT}, reason {@code API_KEY_INVALID}), not a 401: it is an
 * authentication failure all the same, which no retry and no other request can fix.
 */
final class GeminiErrors {

    private GeminiErrors() {}

    static ModelException clean(ModelException e, SecretRedactor redactor) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip().replaceAll("\\s+", " ");
        String redacted = redactor == null ? message : redactor.redact(message);
        ModelException.Kind kind = e.kind();
        if (e.httpStatus() != null && e.httpStatus() == 400 && message.contains("API key not valid")) {
            kind = ModelException.Kind.AUTHENTICATION;
        }
        if (kind == e.kind() && redacted.equals(e.getMessage())) return e;
        if (!e.retryable() && kind.retryable()) return ModelException.terminal(kind, redacted, e.httpStatus());
        return new ModelException(kind, redacted, e.httpStatus(), e.retryAfter(), e.getCause());
    }
}
