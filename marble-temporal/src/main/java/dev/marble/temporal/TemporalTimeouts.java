package dev.marble.temporal;

import dev.marble.config.MarbleConfig;
import java.time.Duration;

/**
 * How long the parts of work on Temporal may take, from marble.json's {@code temporal.timeouts} (seconds).
 *
 * @param heartbeat    an activity that has not heartbeat for this long is taken to be lost with its worker and is
 *                     retried on another: the time a killed worker's link waits before it moves
 * @param scheduleToStart how long a chain's work may wait for a worker of its queue before the chain is told
 * @param connect      how long connecting to the server may take before the command gives up
 */
public record TemporalTimeouts(Duration heartbeat, Duration scheduleToStart, Duration connect) {

    public static final TemporalTimeouts DEFAULT =
            new TemporalTimeouts(Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofSeconds(10));

    static TemporalTimeouts of(MarbleConfig config) {
        return new TemporalTimeouts(
                TemporalSettings.seconds(config, "temporal.timeouts.heartbeat", DEFAULT.heartbeat.toSeconds()),
                TemporalSettings.seconds(
                        config, "temporal.timeouts.schedule_to_start", DEFAULT.scheduleToStart.toSeconds()),
                TemporalSettings.seconds(config, "temporal.timeouts.connect", DEFAULT.connect.toSeconds()));
    }
}
