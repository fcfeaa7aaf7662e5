package dev.marble.chain.run;

import dev.marble.chain.state.Progress;
import dev.marble.chain.state.ProgressFile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes the cursor with the running time added up to now, so the runtime limit counts every start (and
 * survives kill -9: at most the time since the last write is lost).
 */
final class ProgressAccounting {

    private final ProgressFile file;
    private final Clock clock;
    private Instant countedFrom;

    ProgressAccounting(ProgressFile file, Clock clock) {
        this.file = file;
        this.clock = clock;
        this.countedFrom = clock.instant();
    }

    Instant countedFrom() {
        return countedFrom;
    }

    Progress write(Progress progress) {
        Instant now = clock.instant();
        long seconds = Duration.between(countedFrom, now).toSeconds();
        countedFrom = countedFrom.plusSeconds(seconds); // the fraction carries over to the next write
        Progress counted = progress.withActiveSeconds(progress.activeSeconds() + seconds);
        file.write(counted);
        return counted;
    }
}
