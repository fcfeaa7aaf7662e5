package dev.marble.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.marble.json.Json;
import dev.marble.model.ChatRequest;
import dev.marble.model.ConversationJson;
import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.secret.RedactedConversation;
import dev.marble.secret.SecretRedactor;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * EventJson, ConversationJson and RedactedConversation test an event's or a part's type with instanceof, not with a
 * pattern switch (which on JDK 25 costs every start a generated class), so the compiler no longer says when a new
 * type is missing from them. This does: one sample of every permitted type, built from its record components, goes
 * through each of them.
 */
class EveryKnownTypeTest {

    @Test
    void everyEventHasAJsonTypeAndFields() {
        Set<String> types = new HashSet<>();
        for (Class<?> type : Event.class.getPermittedSubclasses()) {
            Event event = (Event) sample(type);
            assertThatCode(() -> EventJson.of(event, UnaryOperator.identity()))
                    .as(type.getSimpleName())
                    .doesNotThrowAnyException();
            String name = EventJson.type(event);
            assertThat(EventJson.of(event, UnaryOperator.identity()).get("type").stringValue())
                    .isEqualTo(name);
            types.add(name);
        }
        assertThat(types).hasSize(Event.class.getPermittedSubclasses().length);
    }

    @Test
    void everyPartIsWrittenAndRedacted() {
        SecretRedactor redactor = SecretRedactor.fromEnvironment(Map.of());
        Set<String> types = new HashSet<>();
        for (Class<?> type : Part.class.getPermittedSubclasses()) {
            Part part = (Part) sample(type);
            types.add(ConversationJson.part(part, true).get("type").stringValue());
            Message redacted = RedactedConversation.of(new Message(Role.USER, List.of(part)), redactor);
            assertThat(redacted.parts().getFirst()).as(type.getSimpleName()).isInstanceOf(type);
        }
        assertThat(types).hasSize(Part.class.getPermittedSubclasses().length);
    }

    /** A value of {@code type}: a record from samples of its components, a sealed type's first permitted record. */
    private static Object sample(Class<?> type) {
        if (type == String.class) return "x";
        if (type == int.class || type == Integer.class) return 1;
        if (type == long.class || type == Long.class) return 1L;
        if (type == double.class || type == Double.class) return 1.0;
        if (type == boolean.class || type == Boolean.class) return false;
        if (type == Instant.class) return Instant.EPOCH;
        if (type == Duration.class) return Duration.ZERO;
        if (type == BigDecimal.class) return BigDecimal.ONE;
        if (type == byte[].class) return new byte[] {1};
        if (type == Path.class) return Path.of("x");
        if (type == Clock.class) return Clock.systemUTC();
        if (type == Event.RunFinished.Ending.class) return (Event.RunFinished.Ending) () -> "x";
        if (type == ChatRequest.class) return ChatRequest.of(null, "x"); // needs a message
        if (JsonNode.class.isAssignableFrom(type)) return Json.object();
        if (type == List.class) return List.of();
        if (type == Map.class) return Map.of();
        if (type == Set.class) return Set.of();
        if (type == Optional.class) return Optional.empty();
        if (type.isEnum()) return type.getEnumConstants()[0];
        if (type.isSealed()) return sample(type.getPermittedSubclasses()[0]);
        if (type.isRecord()) {
            RecordComponent[] components = type.getRecordComponents();
            List<Object> values = new ArrayList<>();
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values.add(sample(types[i]));
            }
            try {
                Constructor<?> canonical = type.getDeclaredConstructor(types);
                canonical.setAccessible(true);
                return canonical.newInstance(values.toArray());
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("cannot make a sample " + type.getName() + ": " + e.getCause(), e);
            }
        }
        throw new AssertionError("no sample for " + type.getName() + "; teach EveryKnownTypeTest one");
    }
}
