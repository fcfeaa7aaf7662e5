package dev.marble.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Prints what {@link Main#aloneAmongUserThreads} says in a JVM of its own (a test JVM has other tests' threads):
 * alone, with a daemon thread, with a user thread.
 */
final class ThreadsProbeMain {

    private ThreadsProbeMain() {}

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Runnable waiting = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        StringBuilder said = new StringBuilder().append(Main.aloneAmongUserThreads());
        Thread daemon = new Thread(waiting);
        daemon.setDaemon(true);
        daemon.start();
        said.append(' ').append(Main.aloneAmongUserThreads());
        Thread user = new Thread(waiting);
        user.start();
        said.append(' ').append(Main.aloneAmongUserThreads());
        release.countDown();
        user.join();
        System.out.println(said);
    }
}
