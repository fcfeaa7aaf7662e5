package dev.marble.chain.state;

import java.nio.file.Path;

/** Takes a chain's lock in a process of its own and keeps it until killed (or for a minute, so none is left behind). */
public final class LockHolderMain {

    public static void main(String[] args) throws Exception {
        ChainLock lock = ChainLock.acquire(StateDir.of(Path.of(args[0]), args[1]));
        System.out.println("locked " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(60_000);
        lock.close();
    }
}
