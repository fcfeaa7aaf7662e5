package dev.marble.config;

import dev.marble.error.SourceLocation;

/** Something in a file that Marble ignores but a person probably meant: an unknown key, a typo. */
public record ConfigWarning(SourceLocation location, String message) {
    @Override
    public String toString() {
        return location + ": " + message;
    }
}
