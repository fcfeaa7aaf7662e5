package dev.marble.tool.java;

import java.io.IOException;
import java.net.URLClassLoader;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One class loader that several toolsets use (the classes of one jar): it is closed, releasing the
 * jar file, when the last of them is closed, and not before, as a class still in use may yet load
 * others from it.
 */
final class SharedLoader {

    private final URLClassLoader loader;
    private int holders;

    SharedLoader(URLClassLoader loader) {
        this.loader = loader;
    }

    /** A hold on the loader, given up by closing it (once; closing again does nothing). */
    synchronized AutoCloseable hold() {
        holders++;
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) release();
        };
    }

    private synchronized void release() throws IOException {
        if (--holders == 0) loader.close();
    }
}
