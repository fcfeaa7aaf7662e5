package dev.marble.chain.notify;

/**
 * One channel that carries {@link ChainUpdate}s to people: Telegram, a webhook. {@link #send} delivers one
 * update or says why it could not, in a message free of secrets; it may block (retries, a server's
 * {@code retry_after}), which is why the chain reaches notifiers only through {@link Notifications}.
 */
public interface Notifier {

    /** A short lower-case name for log lines: {@code telegram}, {@code webhook}. */
    String name();

    void send(ChainUpdate update) throws NotifyException;
}
