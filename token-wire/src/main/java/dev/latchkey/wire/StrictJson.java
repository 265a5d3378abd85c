package dev.latchkey.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.latchkey.domain.InvalidValueException;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * JSON read the strict way, for every body Latchkey accepts: one object, nothing after it, no key twice, no field it
 * does not know, and every value of exactly its field's type, so that {@code "yes"} is never taken for a boolean nor
 * {@code true} for a number. General-purpose binders coerce such input silently; here it is refused, naming the field.
 *
 * <p>Messages never quote the input (it may hold a password or a token) and never name a class or the parser.
 */
public final class StrictJson {

    private static final int MAXIMUM_DEPTH = 16;
    private static final int SHOWN_NAME_LENGTH = 64;
    /** Decimal digits before or after the point that a number may have: far beyond any field, far below harm. */
    private static final int MAXIMUM_MAGNITUDE = 100;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAXIMUM_DEPTH)
                    .maxNumberLength(64).build())
            .build();
    private static final ClassValue<Binding<?>> BINDINGS = new ClassValue<>() {
        @Override
        protected Binding<?> computeValue(Class<?> type) {
            return Binding.of(type.asSubclass(Record.class));
        }
    };

    private StrictJson() {
    }

    /** Why a body is not one acceptable JSON object; {@link #field} is empty when no one field is to blame. */
    public static final class MalformedJson extends Exception {
        private final String field;

        MalformedJson(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }

        /** The message a client gets: the field, if any, then the reason. */
        public String describe() {
            return field.isEmpty() ? "The body " + getMessage() : field + ": " + getMessage();
        }
    }

    /**
     * The body's one JSON object, its members in order. Values are {@link String}, {@link Boolean},
     * {@link BigDecimal}, {@link List}, {@link Map} or {@code null}.
     */
    public static Map<String, Object> object(String body) throws MalformedJson {
        if (body == null || body.isBlank()) {
            throw new MalformedJson("", "is empty; send a JSON object");
        }
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedJson("", "must be a JSON object");
            }
            Map<String, Object> object = readObject(parser, "");
            if (hasMore(parser)) {
                throw new MalformedJson("", "has data after the JSON object");
            }
            return object;
        } catch (StreamConstraintsException tooLarge) {
            throw new MalformedJson("", "is nested too deeply or has too long a number");
        } catch (JsonProcessingException syntax) {
            throw new MalformedJson("", "is not valid JSON");
        } catch (IOException unreadable) {
            throw new MalformedJson("", "could not be read");
        }
    }

    /** Whether anything but whitespace follows, readable as JSON or not. */
    private static boolean hasMore(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() != null;
        } catch (JsonProcessingException unreadable) {
            return true;
        }
    }

    /** Reads {@code body} into {@code type}, a record whose components are the fields the body may have. */
    public static <T extends Record> T read(String body, Class<T> type) throws MalformedJson {
        return type.cast(BINDINGS.get(type).bind(object(body)));
    }

    /** Refuses any member of {@code object} not among {@code known}. */
    public static void requireOnly(Map<String, Object> object, Set<String> known) throws MalformedJson {
        for (String name : object.keySet()) {
            if (!known.contains(name)) {
                throw new MalformedJson(shown(name), "is not a field of this request; the fields are "
                        + known.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    private static Map<String, Object> readObject(JsonParser parser, String path) throws IOException, MalformedJson {
        Map<String, Object> members = new LinkedHashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            String field = path.isEmpty() ? name : path + "." + name;
            if (members.containsKey(name)) {
                throw new MalformedJson(shown(field), "appears more than once");
            }
            parser.nextToken();
            members.put(name, readValue(parser, field));
        }
        return Collections.unmodifiableMap(members);
    }

    private static Object readValue(JsonParser parser, String field) throws IOException, MalformedJson {
        return switch (parser.currentToken()) {
            case START_OBJECT -> readObject(parser, field);
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    items.add(readValue(parser, field));
                }
                yield Collections.unmodifiableList(items);
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(parser, field);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new MalformedJson(shown(field), "is not a JSON value");
        };
    }

    /**
     * A number, if its magnitude is one arithmetic can afford: {@code 1e999999999} parses, and is refused here before
     * anything computes with it. (A fuzz test found an exponent Jackson itself throws on; that is refused too.)
     */
    private static BigDecimal number(JsonParser parser, String field) throws IOException, MalformedJson {
        BigDecimal number;
        try {
            number = parser.getDecimalValue();
        } catch (NumberFormatException | ArithmeticException unreadable) {
            throw new MalformedJson(shown(field), "is not a number within range");
        }
        if (Math.abs((long) number.precision() - number.scale()) > MAXIMUM_MAGNITUDE
                || Math.abs((long) number.scale()) > MAXIMUM_MAGNITUDE) {
            throw new MalformedJson(shown(field), "is not a number within range");
        }
        return number;
    }

    /** A name from the input, made safe to show: printable ASCII only, and not too long. */
    public static String shown(String name) {
        String printable = name.codePoints().limit(SHOWN_NAME_LENGTH)
                .map(codePoint -> codePoint >= 0x20 && codePoint < 0x7f ? codePoint : '?')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return name.length() > SHOWN_NAME_LENGTH ? printable + "…" : printable;
    }

    /** How one record type is read: its components, in order, and its canonical constructor. */
    private record Binding<T extends Record>(RecordComponent[] components, Constructor<T> constructor,
                                             Set<String> names) {

        static <T extends Record> Binding<T> of(Class<T> type) {
            RecordComponent[] components = type.getRecordComponents();
            try {
                Constructor<T> constructor = type.getDeclaredConstructor(Arrays.stream(components)
                        .map(RecordComponent::getType).toArray(Class<?>[]::new));
                constructor.setAccessible(true);
                return new Binding<>(components, constructor, Arrays.stream(components)
                        .map(RecordComponent::getName).collect(Collectors.toUnmodifiableSet()));
            } catch (NoSuchMethodException impossible) {
                throw new IllegalStateException("A record always has its canonical constructor", impossible);
            }
        }

        T bind(Map<String, Object> object) throws MalformedJson {
            requireOnly(object, names);
            Object[] values = new Object[components.length];
            for (int index = 0; index < components.length; index++) {
                String name = components[index].getName();
                if (object.containsKey(name) && object.get(name) == null
                        && !components[index].isAnnotationPresent(NullClears.class)) {
                    throw new MalformedJson(name, "must not be null; leave the field out instead");
                }
                values[index] = convert(object.get(name), components[index].getGenericType(), name);
            }
            try {
                return constructor.newInstance(values);
            } catch (ReflectiveOperationException failure) {
                if (failure.getCause() instanceof InvalidValueException invalid) {
                    throw new MalformedJson(invalid.field(), invalid.reason());
                }
                throw new IllegalStateException("Reading a request body failed", failure);
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Binding<?> nestedBinding(Class<?> record) {
            return Binding.of((Class) record);
        }

        private static Object convert(Object value, Type type, String field) throws MalformedJson {
            if (value == null) {
                return null;
            }
            if (type == String.class) {
                if (value instanceof String text) {
                    return text;
                }
                throw new MalformedJson(field, "must be a string");
            }
            if (type == Boolean.class) {
                if (value instanceof Boolean flag) {
                    return flag;
                }
                throw new MalformedJson(field, "must be true or false");
            }
            if (type == BigDecimal.class) {
                if (value instanceof BigDecimal number) {
                    return number;
                }
                throw new MalformedJson(field, "must be a number");
            }
            if (type == Long.class || type == Integer.class) {
                if (!(value instanceof BigDecimal number)) {
                    throw new MalformedJson(field, "must be a whole number");
                }
                try {
                    // Not a conditional expression: one would widen the Integer to a Long.
                    if (type == Long.class) {
                        return number.longValueExact();
                    }
                    return number.intValueExact();
                } catch (ArithmeticException notWhole) {
                    throw new MalformedJson(field, "must be a whole number within range");
                }
            }
            if (type instanceof ParameterizedType list && list.getRawType() == List.class
                    && list.getActualTypeArguments()[0] == String.class) {
                if (value instanceof List<?> items && items.stream().allMatch(String.class::isInstance)) {
                    return items;
                }
                throw new MalformedJson(field, "must be an array of strings");
            }
            // A document the service hands on whole (a client's JWK Set): any object, read as it came.
            if (type instanceof ParameterizedType map && map.getRawType() == Map.class
                    && map.getActualTypeArguments()[0] == String.class
                    && map.getActualTypeArguments()[1] == Object.class) {
                if (value instanceof Map<?, ?> object) {
                    return object;
                }
                throw new MalformedJson(field, "must be an object");
            }
            if (type instanceof Class<?> nested && nested.isRecord()) {
                if (!(value instanceof Map<?, ?> object)) {
                    throw new MalformedJson(field, "must be an object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) object;
                return nestedBinding(nested).bind(fields);
            }
            throw new IllegalStateException("No JSON reading for fields of type " + type);
        }
    }
}
