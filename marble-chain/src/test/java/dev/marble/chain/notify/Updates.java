package dev.marble.chain.notify;

import java.math.BigDecimal;
import java.time.Duration;

/** Updates the notification tests send. */
final class Updates {

    private Updates() {}

    static ChainUpdate shutdown() {
        return new ChainUpdate(
                "research",
                ChainUpdate.Kind.SHUTDOWN,
                3,
                Duration.ofMinutes(90),
                "STOPPED",
                "MAX_ROUNDS: 3/3",
                "reviewer",
                new BigDecimal("1.2345"));
    }

    static ChainUpdate linkDone(String link) {
        return new ChainUpdate(
                "research", ChainUpdate.Kind.LINK_DONE, 1, Duration.ofSeconds(30), "RUNNING", null, link, null);
    }
}
