package dev.latchkey.adapter.rest.json;

import dev.latchkey.wire.StrictJson;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.validation.validator.Validator;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.util.Set;

/**
 * Reads the native API's JSON bodies with {@link StrictJson}, then checks their constraints. A body must be declared
 * {@code application/json}: a missing or other content type is a 415, not a guess.
 */
@Singleton
public final class JsonBodies {

    private final Validator validator;

    JsonBodies(Validator validator) {
        this.validator = validator;
    }

    public <T extends Record> T read(HttpRequest<?> request, String body, Class<T> type) {
        boolean json = request.getContentType().filter(JsonBodies::isJson).isPresent();
        if (!json) {
            throw new UnacceptableBodyException(UnacceptableBodyException.Kind.NOT_JSON,
                    "", "The body must be sent as Content-Type: application/json");
        }
        T value;
        try {
            value = StrictJson.read(body, type);
        } catch (StrictJson.MalformedJson malformed) {
            throw new UnacceptableBodyException(malformed.field().isEmpty()
                    ? UnacceptableBodyException.Kind.MALFORMED : UnacceptableBodyException.Kind.INVALID_FIELD,
                    malformed.field(), malformed.field().isEmpty() ? malformed.describe() : malformed.getMessage());
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return value;
    }

    /**
     * As {@link #read}, for requests whose fields are all optional: a request with no body and no content type at
     * all asks for every default. A body, even an empty one, must still be declared and be one JSON object.
     */
    public <T extends Record> T readOptional(HttpRequest<?> request, String body, Class<T> type) {
        if ((body == null || body.isEmpty()) && request.getContentType().isEmpty()) {
            try {
                return StrictJson.read("{}", type);
            } catch (StrictJson.MalformedJson impossible) {
                throw new IllegalStateException("An empty object fits every all-optional request", impossible);
            }
        }
        return read(request, body, type);
    }

    private static boolean isJson(MediaType type) {
        return type.matches(MediaType.APPLICATION_JSON_TYPE) || type.getSubtype().endsWith("+json");
    }
}
