package dev.marble.event;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers that sort by creation time (milliseconds first, as ULIDs do) and do not collide
 * across processes writing one journal, so {@code ORDER BY id} is time order.
 */
public final class Ids {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private Ids() {}

    public static String next() {
        return next(Instant.now().toEpochMilli());
    }

    static String next(long epochMillis) {
        char[] out = new char[22];
        long time = epochMillis;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        for (int i = 10; i < out.length; i++)
            out[i] = ALPHABET[ThreadLocalRandom.current().nextInt(32)];
        return new String(out);
    }
}
