package dev.marble.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The watchdog sleeps until the earliest open deadline: a deadline still ends its call on time, one opened after a
 * later one is not kept waiting for it, and with none open the watchdog waits without waking.
 */
class CallDeadlineTest {

    @Test
    void aDeadlineRunsItsActionOnceItsTimeIsUp() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        long started = System.nanoTime();
        try (CallDeadline deadline = CallDeadline.start(Duration.ofMillis(200))) {
            deadline.onExpiry(ran::countDown);
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
            assertThat(deadline.expired()).isTrue();
        }
    }

    @Test
    void anEarlierDeadlineOpenedAfterALaterOneWakesTheWatchdog() throws InterruptedException {
        CountDownLatch later = new CountDownLatch(1);
        CountDownLatch earlier = new CountDownLatch(1);
        try (CallDeadline hour = CallDeadline.start(Duration.ofHours(1))) {
            hour.onExpiry(later::countDown);
            awaitWatchdog(Thread.State.TIMED_WAITING); // asleep until the hour is up
            try (CallDeadline soon = CallDeadline.start(Duration.ofMillis(100))) {
                soon.onExpiry(earlier::countDown);
                assertThat(earlier.await(10, TimeUnit.SECONDS))
                        .as("the later deadline did not hold it up")
                        .isTrue();
            }
            assertThat(later.getCount()).isEqualTo(1);
            assertThat(hour.expired()).isFalse();
        }
    }

    @Test
    void aClosedDeadlineNeverRunsItsAction() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        CallDeadline deadline = CallDeadline.start(Duration.ofMillis(100));
        deadline.onExpiry(ran::countDown);
        deadline.close();
        assertThat(ran.await(500, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(deadline.expired()).isFalse();
    }

    /**
     * Between deadlines the watchdog sleeps, rather than looking 50 times a second for as long as Marble runs. (A
     * deadline another test left open may wake it once or twice.)
     */
    @Test
    void betweenDeadlinesTheWatchdogSleeps() throws InterruptedException {
        try (CallDeadline hour = CallDeadline.start(Duration.ofHours(1))) {
            Thread.sleep(100);
            long before = CallDeadline.looks();
            Thread.sleep(1_000);
            assertThat(CallDeadline.looks() - before).isLessThan(5);
        }
    }

    private static void awaitWatchdog(Thread.State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (watchdogState() != state && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(watchdogState()).isEqualTo(state);
    }

    private static Thread.State watchdogState() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("marble-call-deadlines"))
                .findFirst()
                .map(Thread::getState)
                .orElse(Thread.State.NEW);
    }
}
