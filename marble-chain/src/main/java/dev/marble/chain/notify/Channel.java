package dev.marble.chain.notify;

/**
 * What became of one notification channel when the chain started, as a {@link NotifierFactory} reports it: on, with
 * its notifier, or off, with the one line that says why. {@code wanted} marks a channel the user switched on that
 * cannot work (a missing token, say): that line is worth printing once at start, while "off because not enabled" is
 * not. Lines never quote a secret: they are printed and logged.
 */
public sealed interface Channel {

    String line();

    record On(Notifier notifier, String line) implements Channel {}

    record Off(String line, boolean wanted) implements Channel {}
}
