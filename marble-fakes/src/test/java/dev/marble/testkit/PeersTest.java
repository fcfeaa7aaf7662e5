package dev.marble.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class PeersTest {

    @Test
    void findsTheRepositoryRoot() {
        assertThat(Peers.root().resolve("mvnw")).isRegularFile();
        Peers.prism().ifPresent(prism -> assertThat(Files.isExecutable(prism)).isTrue());
    }

    @Test
    void aPeerThatIsThereIsReturned() {
        assertThat(Peers.require("a peer", Optional.of("here"))).isEqualTo("here");
        Peers.requireThat("a condition", true, "never shown");
    }

    /** The one policy: skip with a reason, or fail where MARBLE_REQUIRE_PEERS=1 (CI). */
    @Test
    void aMissingPeerAbortsOrFails() {
        boolean required = "1".equals(System.getenv(Peers.REQUIRE_VARIABLE));
        Class<? extends Throwable> expected = required ? AssertionError.class : TestAbortedException.class;
        assertThatThrownBy(() -> Peers.require("the thing", Optional.empty(), "nobody installs it"))
                .isInstanceOf(expected)
                .hasMessageContaining("the thing is not there (nobody installs it)");
        assertThatThrownBy(() -> Peers.requireThat("namespaces", false, "not root"))
                .isInstanceOf(expected)
                .hasMessageContaining("namespaces: not root");
    }
}
