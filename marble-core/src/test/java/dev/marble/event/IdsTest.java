package dev.marble.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void uuidsAreVersionFourOfTheIetfVariantAndDoNotRepeat() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID uuid = Ids.uuid();
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(UUID.fromString(uuid.toString())).isEqualTo(uuid);
            seen.add(uuid);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void idsSortByTheirTime() {
        assertThat(Ids.next(1_000)).isLessThan(Ids.next(2_000));
        assertThat(Ids.next(1_000)).hasSize(22);
    }
}
