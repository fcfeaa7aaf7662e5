package dev.marble.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The journal's own SHA-256 gives the JDK's digest, byte for byte, at every length that matters to the padding. */
class Sha256Test {

    @Test
    void theKnownAnswersOfTheStandard() {
        assertThat(hex(Sha256.digest(new byte[0])))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(hex(Sha256.digest("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(hex(Sha256.digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
                        .getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }

    @Test
    void everyLengthAroundTheBlockEdgesAndALargeInputMatchTheJdk() throws Exception {
        Random random = new Random(18);
        MessageDigest jdk = MessageDigest.getInstance("SHA-256");
        for (int length = 0; length <= 300; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            assertThat(Sha256.digest(data)).as("length %d", length).isEqualTo(jdk.digest(data));
        }
        byte[] large = new byte[3 * 1024 * 1024 + 17];
        random.nextBytes(large);
        assertThat(Sha256.digest(large)).isEqualTo(jdk.digest(large));
    }

    @Test
    void theJournalsHashIsTheFirstHalfOfTheDigestOfTheUtf8Text() throws Exception {
        String text = "Grüße, 世界 — a message with a secret-free body 🙂";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        assertThat(CallLog.hash(text)).isEqualTo(HexFormat.of().formatHex(digest, 0, 16));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
