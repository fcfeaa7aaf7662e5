package dev.marble.format.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryResolutionTest {

    @Test
    void mainByDefault() {
        assertThat(EntryResolution.resolve(null, List.of("helper", "main"))).isEqualTo("main");
        assertThat(EntryResolution.resolve(" ", List.of("main"))).isEqualTo("main");
    }

    @Test
    void aNamedEntry() {
        assertThat(EntryResolution.resolve("helper", List.of("main", "helper"))).isEqualTo("helper");
    }

    @Test
    void anUnknownEntryListsTheNames() {
        assertThatThrownBy(() -> EntryResolution.resolve("nope", List.of("main", "helper")))
                .isInstanceOf(UsageException.class)
                .hasMessage("entry 'nope' not found; available: main, helper");
    }

    @Test
    void noMainSaysHowToChoose() {
        assertThatThrownBy(() -> EntryResolution.resolve(null, List.of("greeter")))
                .hasMessage("entry 'main' not found; available: greeter; name a worker 'main' or pass --entry NAME");
    }
}
