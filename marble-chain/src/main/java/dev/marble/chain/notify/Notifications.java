package dev.marble.chain.notify;

import dev.marble.config.Environment;
import dev.marble.secret.SecretRedactor;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The chain's one door to its notifiers. {@link #send} never throws and returns at once: each notifier has
 * its own queue and thread ({@link Delivery}), so a Telegram 429 that asks for a minute's wait stalls
 * neither the chain nor the webhook. A failed delivery is one redacted log line and is dropped; a
 * notification is never worth stopping a chain for. {@link #close} gives queued updates (the final
 * shutdown message above all) a bounded time to go out.
 */
public final class Notifications implements AutoCloseable {

    /** How long {@link #close} waits for queued updates: one Telegram message with a retry fits well. */
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(20);

    private final List<Delivery> deliveries;
    private final List<Channel> channels;
    private final Consumer<String> log;
    private final SecretRedactor redactor;
    private final Duration drain;
    /** The client the channels share, shut down on close if one was built; null when the caller owns its notifiers. */
    private final SharedHttpClient ownedClient;

    private volatile boolean closed;

    public Notifications(List<Notifier> notifiers, Consumer<String> log) {
        this(notifiers, log, new SecretRedactor(), DEFAULT_DRAIN);
    }

    /** With the redactor for log lines and how long {@link #close} waits for queued updates. */
    public Notifications(List<Notifier> notifiers, Consumer<String> log, SecretRedactor redactor, Duration drain) {
        this(
                notifiers.stream()
                        .<Channel>map(n -> new Channel.On(n, n.name() + ": on"))
                        .toList(),
                log,
                redactor,
                drain,
                null);
    }

    private Notifications(
            List<Channel> channels,
            Consumer<String> log,
            SecretRedactor redactor,
            Duration drain,
            SharedHttpClient ownedClient) {
        this.channels = List.copyOf(channels);
        this.log = Objects.requireNonNull(log, "log");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.drain = Objects.requireNonNull(drain, "drain");
        this.ownedClient = ownedClient;
        List<Delivery> started = new ArrayList<>();
        for (Channel channel : this.channels) {
            if (channel instanceof Channel.On on) started.add(new Delivery(on.notifier(), log, redactor));
        }
        this.deliveries = List.copyOf(started);
    }

    /**
     * Telegram and the webhook as configured. A channel that cannot work is left out and says why in
     * {@link #problems()}; nothing here throws for a configuration the user got wrong.
     */
    public static Notifications from(
            TelegramConfig telegram,
            WebhookConfig webhook,
            Environment environment,
            SecretRedactor redactor,
            Consumer<String> log) {
        SharedHttpClient client = new SharedHttpClient();
        List<Channel> channels = List.of(
                TelegramNotifierFactory.channel(telegram, environment, redactor, client),
                WebhookNotifierFactory.channel(webhook, environment, redactor, client));
        return new Notifications(channels, log, redactor, DEFAULT_DRAIN, client);
    }

    /**
     * The channels {@code factories} make for the chain in {@code context}, in that order: Marble's own and a user's
     * alike. A factory that throws leaves its channel off, with a line that says so: a notification is never worth
     * failing a chain's start for.
     */
    public static Notifications forChain(
            NotifierContext context, List<NotifierFactory> factories, Consumer<String> log) {
        List<Channel> channels = new ArrayList<>();
        for (NotifierFactory factory : factories) channels.add(channel(factory, context));
        return new Notifications(channels, log, context.redactor(), DEFAULT_DRAIN, context.sharedHttp());
    }

    private static Channel channel(NotifierFactory factory, NotifierContext context) {
        try {
            return Objects.requireNonNull(factory.create(context), "a notifier factory returned no channel");
        } catch (RuntimeException e) {
            return new Channel.Off(
                    factory.name() + ": off: it failed to start: "
                            + context.redactor().redact(String.valueOf(e.getMessage())),
                    true);
        }
    }

    /**
     * Queues {@code update} for every notifier that is on; returns at once and never throws. Its texts are
     * redacted first: a shutdown reason or a failure may quote anything, and these messages leave the machine.
     */
    public void send(ChainUpdate update) {
        if (update == null) return;
        if (closed) {
            log.accept("notification not sent: the notifications were already closed");
            return;
        }
        ChainUpdate safe = new ChainUpdate(
                redactor.redact(update.chain()),
                update.kind(),
                update.round(),
                update.runtime(),
                redactor.redact(update.status()),
                redactor.redact(update.detail()),
                redactor.redact(update.link()),
                update.costUsd());
        for (Delivery delivery : deliveries) delivery.offer(safe);
    }

    /** Whether any notifier is on. */
    public boolean active() {
        return !deliveries.isEmpty();
    }

    /** One line per channel, on or off and why: for {@code marble chain status}. */
    public List<String> statusLines() {
        return channels.stream().map(Channel::line).toList();
    }

    /** Lines for channels the user switched on that cannot work: for {@code chain start} to print once. */
    public List<String> problems() {
        return channels.stream()
                .filter(c -> c instanceof Channel.Off off && off.wanted())
                .map(Channel::line)
                .toList();
    }

    /**
     * Sends what is queued, waiting at most the drain time (all notifiers together), then gives up on the
     * rest with a log line each. Idempotent.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        deliveries.forEach(Delivery::finish);
        long deadline = System.nanoTime() + drain.toNanos();
        try {
            for (Delivery delivery : deliveries) {
                if (!delivery.awaitDone(deadline)) delivery.abandon();
            }
        } catch (InterruptedException e) {
            deliveries.forEach(Delivery::stopNow);
            Thread.currentThread().interrupt();
        } finally {
            HttpClient client = ownedClient == null ? null : ownedClient.builtOrNull();
            if (client != null) client.shutdownNow();
        }
    }
}
