package dev.marble.cli;

import java.io.IOError;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.reader.EndOfFileException;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;

/**
 * The keys pressed in the full-screen view, in order. A reader thread decodes the terminal's bytes with JLine's
 * key map; keys that scroll go straight to the view, every other key waits here for whoever answers a question.
 * Without a terminal (in tests) keys are {@linkplain #offer offered} directly.
 */
final class TuiKeys {

    /** How long a lone ESC waits for the rest of an escape sequence before it counts as the Escape key. */
    private static final long ESCAPE_WAIT_MILLIS = 100;

    private final BlockingQueue<TuiKey> queue = new LinkedBlockingQueue<>();

    /** Keys offered by hand (tests). */
    TuiKeys() {}

    /** Starts a daemon thread reading {@code terminal}'s keys until its input ends (the terminal is closed). */
    static TuiKeys reading(Terminal terminal, Consumer<TuiKey> scroll) {
        TuiKeys keys = new TuiKeys();
        KeyMap<TuiKey.Kind> map = keyMap(terminal);
        BindingReader reader = new BindingReader(terminal.reader());
        Thread thread = new Thread(
                () -> {
                    try {
                        while (true) {
                            TuiKey.Kind kind = reader.readBinding(map);
                            if (kind == null) return;
                            TuiKey key =
                                    kind == TuiKey.Kind.CHAR ? TuiKey.typed(reader.getLastBinding()) : TuiKey.of(kind);
                            if (key.scrolls()) scroll.accept(key);
                            else keys.offer(key);
                        }
                    } catch (EndOfFileException | IOError closed) {
                        // The view closed its terminal: no more keys.
                    }
                },
                "marble-tui-keys");
        thread.setDaemon(true); // never keeps a finished run alive
        thread.start();
        return keys;
    }

    private static KeyMap<TuiKey.Kind> keyMap(Terminal terminal) {
        KeyMap<TuiKey.Kind> map = new KeyMap<>();
        for (char c = ' '; c <= '~'; c++) map.bind(TuiKey.Kind.CHAR, String.valueOf(c));
        map.setUnicode(TuiKey.Kind.CHAR);
        map.setNomatch(TuiKey.Kind.OTHER);
        map.setAmbiguousTimeout(ESCAPE_WAIT_MILLIS);
        map.bind(TuiKey.Kind.ENTER, "\r", "\n");
        map.bind(TuiKey.Kind.BACKSPACE, KeyMap.del(), KeyMap.ctrl('H'));
        map.bind(TuiKey.Kind.ESCAPE, KeyMap.esc());
        bind(map, terminal, TuiKey.Kind.UP, Capability.key_up, "\033[A", "\033OA");
        bind(map, terminal, TuiKey.Kind.DOWN, Capability.key_down, "\033[B", "\033OB");
        bind(map, terminal, TuiKey.Kind.PAGE_UP, Capability.key_ppage, "\033[5~");
        bind(map, terminal, TuiKey.Kind.PAGE_DOWN, Capability.key_npage, "\033[6~");
        return map;
    }

    /** The terminal's own sequence for a key, and the common ones in case its description lacks it. */
    private static void bind(
            KeyMap<TuiKey.Kind> map, Terminal terminal, TuiKey.Kind kind, Capability key, String... usual) {
        String own = KeyMap.key(terminal, key);
        if (own != null && !own.isEmpty()) map.bind(kind, own);
        map.bind(kind, usual);
    }

    void offer(TuiKey key) {
        queue.add(key);
    }

    /** The next key; waits for it. */
    TuiKey take() throws InterruptedException {
        return queue.take();
    }

    /** Forgets keys pressed before now: a key typed ahead must never answer a question not yet asked. */
    void clear() {
        queue.clear();
    }
}
