package dev.marble.testkit;

import java.util.concurrent.ThreadLocalRandom;

/** Random ids shaped like the providers' ones ({@code msg_01...}, {@code toolu_01...}, {@code chatcmpl-...}). */
final class WireIds {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private WireIds() {}

    static String of(String prefix, int randomChars) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder(prefix.length() + randomChars).append(prefix);
        for (int i = 0; i < randomChars; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
