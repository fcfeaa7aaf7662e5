package dev.marble.chain.notify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Makes one kind of notifier for a chain that starts: Telegram, a webhook, or a user's own. Factories are found with
 * {@link ServiceLoader} (a {@code META-INF/services/dev.marble.chain.notify.NotifierFactory} entry), Marble's own
 * exactly as a user's, and every one is asked; a notifier held in code joins through {@link #of(Notifier)}.
 */
public interface NotifierFactory {

    /** A short lower-case name, as the channel's lines start: {@code telegram}, {@code webhook}. */
    String name();

    /**
     * This channel for the chain in {@code context}: {@link Channel.On} with the notifier, or {@link Channel.Off}
     * with one line saying why not (with {@code wanted} when the user asked for it and it cannot work). A setting the
     * user got wrong is an {@code Off}, never an exception; a secret read here is registered with
     * {@link NotifierContext#redactor()} before anything can print it, and no line quotes it.
     */
    Channel create(NotifierContext context);

    /** The factories on the class path, ordered by name so that the order does not depend on the class path's. */
    static List<NotifierFactory> discovered() {
        List<NotifierFactory> found = new ArrayList<>();
        ServiceLoader.load(NotifierFactory.class, NotifierFactory.class.getClassLoader())
                .forEach(found::add);
        found.sort(Comparator.comparing(NotifierFactory::name));
        return List.copyOf(found);
    }

    /** A notifier made in code, always on for the chains it is given to. */
    static NotifierFactory of(Notifier notifier) {
        Objects.requireNonNull(notifier, "notifier");
        return new NotifierFactory() {
            @Override
            public String name() {
                return notifier.name();
            }

            @Override
            public Channel create(NotifierContext context) {
                return new Channel.On(notifier, notifier.name() + ": on");
            }
        };
    }
}
