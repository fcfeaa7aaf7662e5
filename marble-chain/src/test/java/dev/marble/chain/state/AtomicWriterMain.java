package dev.marble.chain.state;

import java.nio.file.Path;

/**
 * Writes a file through {@link AtomicFiles} in a process of its own. {@code once FILE SIZE}: one write of
 * SIZE characters, printing "ok" or the error; {@code loop FILE SIZE}: alternates two contents until killed.
 */
public final class AtomicWriterMain {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        int size = Integer.parseInt(args[2]);
        if (args[0].equals("once")) {
            try {
                AtomicFiles.write(file, "n".repeat(size));
                System.out.println("ok");
            } catch (RuntimeException e) {
                System.out.println("failed: " + e.getMessage());
            }
            return;
        }
        String[] contents = {"a".repeat(size), "b".repeat(size)};
        long deadline = System.nanoTime() + 60_000_000_000L;
        for (int i = 0; System.nanoTime() < deadline; i++) {
            AtomicFiles.write(file, contents[i % 2]);
            if (i == 0) {
                System.out.println("writing");
                System.out.flush();
            }
        }
    }
}
