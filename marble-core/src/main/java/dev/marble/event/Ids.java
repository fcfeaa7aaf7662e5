package dev.marble.event;

import java.time.Instant;
import java.util.UUID;
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

    /**
     * A random UUID (version 4) for names that must not collide, as Claude Code's session ids: as unlikely to collide
     * as {@link #next()}, never a secret. {@link UUID#randomUUID} draws from SecureRandom, whose first use loads the
     * JDK's security providers: milliseconds of every short command that starts the Claude Code CLI.
     */
    public static UUID uuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
        return new UUID(high, low);
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
