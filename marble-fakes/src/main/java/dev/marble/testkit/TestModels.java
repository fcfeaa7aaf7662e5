package dev.marble.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Small GGUF models for tests of the local provider, kept in the repository so a clean clone runs
 * them. {@code micro-agent-test-q8_0.gguf} (5.7 MB, ChatML) emits well-formed tool calls and stops at
 * its end-of-turn token, but its words are nonsense: test structure with it, never content.
 */
public final class TestModels {

    public static final String MICRO_AGENT = "marble-local/src/test/resources/models/micro-agent-test-q8_0.gguf";

    private TestModels() {}

    /** The micro model; a test that cannot find it fails under MARBLE_REQUIRE_PEERS=1, else is skipped. */
    public static Path microAgent() {
        Path model = Peers.root().resolve(MICRO_AGENT);
        return Peers.require(
                "the test model " + MICRO_AGENT,
                Optional.of(model).filter(Files::isRegularFile),
                "it is committed in the repository; a clone without it (Git LFS?) lacks it");
    }
}
