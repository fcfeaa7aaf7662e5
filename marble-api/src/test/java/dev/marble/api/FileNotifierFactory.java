package dev.marble.api;

import dev.marble.chain.notify.ChainUpdate;
import dev.marble.chain.notify.Channel;
import dev.marble.chain.notify.Notifier;
import dev.marble.chain.notify.NotifierContext;
import dev.marble.chain.notify.NotifierFactory;
import dev.marble.chain.notify.NotifyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A user's notifier as a jar would bring it (this module's test META-INF/services): it appends one line per update
 * to the file {@code NOTIFY_FILE} names, and stays off, quietly, where that variable is not set.
 */
public final class FileNotifierFactory implements NotifierFactory {

    @Override
    public String name() {
        return "file";
    }

    @Override
    public Channel create(NotifierContext context) {
        return context.environment()
                .get("NOTIFY_FILE")
                .<Channel>map(file -> new Channel.On(notifier(Path.of(file)), "file: on"))
                .orElse(new Channel.Off("file: off (NOTIFY_FILE is not set)", false));
    }

    private Notifier notifier(Path file) {
        return new Notifier() {
            @Override
            public String name() {
                return "file";
            }

            @Override
            public void send(ChainUpdate update) throws NotifyException {
                try {
                    Files.writeString(
                            file,
                            update.chain() + " " + update.kind() + "\n",
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new NotifyException("file: cannot write " + file + ": " + e.getMessage());
                }
            }
        };
    }
}
