package dev.marble.provider;

/** Whether a provider can be used on this machine now, and why (or why not), in a few words. */
public record Availability(boolean usable, String reason) {

    public static Availability yes(String reason) {
        return new Availability(true, reason);
    }

    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
