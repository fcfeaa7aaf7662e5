package dev.marble.temporal.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.model.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conversations in the history while small, in a file named by their content once they grow. */
class ConversationStoreTest {

    @TempDir
    Path folder;

    @Test
    void aSmallConversationTravelsInline() {
        ConversationStore store = new ConversationStore(folder);

        String reference = store.save("run-1", List.of(Message.user("hello")));

        assertThat(reference).startsWith("inline:");
        assertThat(ConversationStore.stored(reference)).isFalse();
        assertThat(store.load(reference)).containsExactly(Message.user("hello"));
    }

    @Test
    void aLargeOneIsStoredOnceUnderTheRunAndOnlyItsReferenceTravels() throws Exception {
        ConversationStore store = new ConversationStore(folder);
        List<Message> large = List.of(Message.user("x".repeat(ConversationStore.INLINE_LIMIT + 1)));

        String reference = store.save("run-1", large);
        String again = store.save("run-1", large);

        assertThat(reference).matches("file:run-1/[0-9a-f]{64}").hasSizeLessThan(100);
        assertThat(again).isEqualTo(reference);
        try (var files = Files.list(folder.resolve("run-1"))) {
            assertThat(files.toList()).hasSize(1);
        }
        assertThat(store.load(reference)).isEqualTo(large);
    }

    @Test
    void aReferenceCanNameNoFileOutsideTheStore() {
        ConversationStore store = new ConversationStore(folder);

        assertThatThrownBy(() -> store.load("file:../../etc/" + "0".repeat(64)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.load("file:run-1/../../passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.load("/etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
