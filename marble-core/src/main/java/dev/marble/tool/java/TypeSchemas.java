package dev.marble.tool.java;

import static dev.marble.json.Json.mapper;

import dev.marble.json.Json;
import dev.marble.tool.annotation.ToolAnnotations;
import dev.marble.tool.annotation.ToolAnnotations.ParamMark;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.introspect.ClassIntrospector;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON schemas of Java types, for the arguments of {@code @Tool} methods and function tools. Objects are
 * read with Jackson's own view of a type (the properties it can set, under the names it uses), so the schema the
 * model follows and the conversion that reads its answer cannot disagree.
 */
public final class TypeSchemas {

    private static final Set<Class<?>> INTEGERS = Set.of(
            int.class,
            Integer.class,
            long.class,
            Long.class,
            short.class,
            Short.class,
            byte.class,
            Byte.class,
            BigInteger.class,
            OptionalInt.class,
            OptionalLong.class);
    private static final Set<Class<?>> NUMBERS = Set.of(
            double.class, Double.class, float.class, Float.class, BigDecimal.class, Number.class, OptionalDouble.class);
    /** Types Jackson reads from strings; a format where JSON Schema has a matching one. */
    private static final Map<Class<?>, String> STRINGS = Map.of(
            String.class,
            "",
            CharSequence.class,
            "",
            UUID.class,
            "uuid",
            URI.class,
            "uri",
            LocalDate.class,
            "date",
            LocalTime.class,
            "",
            LocalDateTime.class,
            "",
            Instant.class,
            "date-time",
            OffsetDateTime.class,
            "date-time",
            ZonedDateTime.class,
            "date-time");

    private static final Set<Class<?>> OPTIONALS =
            Set.of(Optional.class, OptionalInt.class, OptionalLong.class, OptionalDouble.class);

    private TypeSchemas() {}

    /**
     * The schema of the values of {@code type}, as Jackson reads them; {@code @Param} on a record component, field
     * or setter describes the property for the model.
     *
     * @throws IllegalArgumentException naming the type (and where in it) when no JSON value can stand for it, such
     *     as an interface or a class without settable properties
     */
    public static ObjectNode of(Type type) {
        return new Walk().schema(mapper().getTypeFactory().constructType(type), "");
    }

    /** Whether the model may leave a value of this type out: {@code Optional} and its kin. */
    public static boolean isOptional(Type type) {
        return OPTIONALS.contains(mapper().getTypeFactory().constructType(type).getRawClass());
    }

    /** One walk through a type; remembers the classes it is inside, so a recursive type ends. */
    private static final class Walk {

        private final Set<Class<?>> inside = new HashSet<>();

        ObjectNode schema(JavaType type, String path) {
            Class<?> raw = type.getRawClass();
            if (raw == char.class || raw == Character.class) {
                return typed("string").put("minLength", 1).put("maxLength", 1);
            }
            if (STRINGS.containsKey(raw)) {
                ObjectNode schema = typed("string");
                if (!STRINGS.get(raw).isEmpty()) schema.put("format", STRINGS.get(raw));
                return schema;
            }
            if (raw == Duration.class) return typed("string").put("format", "duration");
            if (INTEGERS.contains(raw)) return typed("integer");
            if (NUMBERS.contains(raw)) return typed("number");
            if (raw == boolean.class || raw == Boolean.class) return typed("boolean");
            if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) return Json.object(); // any value
            if (raw.isEnum()) return enumeration(raw);
            if (type.isReferenceType()) return schema(type.getReferencedType(), path); // Optional<T> is a T
            if (type.isArrayType() || type.isCollectionLikeType()) {
                ObjectNode schema = typed("array");
                schema.set("items", schema(type.getContentType(), path + "[]"));
                if (Set.class.isAssignableFrom(raw)) schema.put("uniqueItems", true);
                return schema;
            }
            if (type.isMapLikeType()) {
                Class<?> key = type.getKeyType().getRawClass();
                if (key != String.class && key != Object.class) {
                    throw unsupported(type, path, "a JSON object's keys are strings, so a map needs String keys");
                }
                ObjectNode schema = typed("object");
                schema.set("additionalProperties", schema(type.getContentType(), path + "{}"));
                return schema;
            }
            return object(type, path);
        }

        private ObjectNode object(JavaType type, String path) {
            Class<?> raw = type.getRawClass();
            if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers()) || raw.isPrimitive()) {
                throw unsupported(type, path, "Jackson cannot make one from JSON");
            }
            if (raw.getName().startsWith("java.") || raw.getName().startsWith("javax.")) {
                throw unsupported(type, path, "use a String, a number, a record or a class of your own");
            }
            if (raw.isMemberClass() && !Modifier.isStatic(raw.getModifiers())) {
                throw unsupported(type, path, "an inner class needs an outer instance; make it static");
            }
            // A type met again inside itself (a tree node's children) is described once; deeper
            // levels are any object, as JSON Schema without $ref cannot say more.
            if (!inside.add(raw)) return typed("object");
            try {
                BeanDescription bean = describe(type);
                ObjectNode properties = Json.object();
                ArrayNode required = Json.array();
                for (BeanPropertyDefinition property : bean.findProperties()) {
                    if (!property.couldDeserialize()) continue; // a getter alone: nothing could set it
                    String name = property.getName();
                    ParamMark param = param(property, raw);
                    if (param != null && !param.name().isEmpty()) {
                        throw unsupported(
                                type,
                                path + "." + name,
                                "@Param(name) names method parameters only; rename a property with @JsonProperty");
                    }
                    ObjectNode schema = schema(property.getPrimaryType(), path + "." + name);
                    if (param != null && !param.description().isBlank()) schema.put("description", param.description());
                    properties.set(name, schema);
                    if (isRequired(bean, property, param)) required.add(name);
                }
                if (properties.isEmpty() && !raw.isRecord()) {
                    throw unsupported(type, path, "it has no public fields or setters");
                }
                ObjectNode schema = typed("object");
                schema.set("properties", properties);
                if (!required.isEmpty()) schema.set("required", required);
                // Jackson drops properties it does not know; refusing them shows the model its typo.
                schema.put("additionalProperties", false);
                return schema;
            } finally {
                inside.remove(raw);
            }
        }

        /**
         * A record's components must all be given (a record has no defaults), unless optional; a
         * class's fields have their defaults, so only those marked required are.
         */
        private static boolean isRequired(BeanDescription bean, BeanPropertyDefinition property, ParamMark param) {
            if (OPTIONALS.contains(property.getRawPrimaryType())) return false;
            if (param != null) return param.required();
            return bean.isRecordType() || property.isRequired();
        }

        private static BeanDescription describe(JavaType type) {
            DeserializationConfig config = mapper().deserializationConfig();
            ClassIntrospector introspector = config.classIntrospectorInstance().forOperation(config);
            return introspector.introspectForDeserialization(type, introspector.introspectClassAnnotations(type));
        }

        /**
         * The property's {@code @Param}, wherever javac put it: a record component's goes to the
         * field and the constructor parameter; a private field may be missing from Jackson's view.
         */
        private static ParamMark param(BeanPropertyDefinition property, Class<?> owner) {
            for (Annotated member : new Annotated[] {
                property.getField(), property.getConstructorParameter(), property.getSetter(), property.getGetter()
            }) {
                if (member == null) continue;
                Optional<ParamMark> param = ToolAnnotations.param(type -> member.getAnnotation(type));
                if (param.isPresent()) return param.get();
            }
            for (Class<?> c = owner; c != null && c != Object.class; c = c.getSuperclass()) {
                try {
                    Field field = c.getDeclaredField(property.getInternalName());
                    Optional<ParamMark> param = ToolAnnotations.param(field);
                    if (param.isPresent()) return param.get();
                } catch (NoSuchFieldException e) {
                    // not declared here; look in the superclass
                }
            }
            return null;
        }

        private static ObjectNode enumeration(Class<?> type) {
            ArrayNode values = Json.array();
            // As Jackson writes each constant, so @JsonProperty or @JsonValue on an enum is honoured.
            for (Object constant : type.getEnumConstants()) values.add(mapper().valueToTree(constant));
            boolean strings = true;
            for (JsonNode value : values) strings &= value.isString();
            ObjectNode schema = strings ? typed("string") : Json.object();
            schema.set("enum", values);
            return schema;
        }

        private static ObjectNode typed(String type) {
            return Json.object().put("type", type);
        }

        private static IllegalArgumentException unsupported(JavaType type, String path, String why) {
            String where = path.isEmpty() ? "" : " (at " + path.substring(path.startsWith(".") ? 1 : 0) + ")";
            return new IllegalArgumentException(
                    type.getRawClass().getTypeName() + where + " cannot be a tool argument: " + why);
        }
    }
}
