package dev.latchkey.adapter.rest.problem;

import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.CookieValue;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What the framework refuses before any Latchkey code runs (an unknown route, a wrong method or content type, an
 * oversized body, a parameter of the wrong type or a missing one), said in Latchkey's words. The framework's own text
 * names its internals ("Failed to convert argument [size] for value [abc]…") and echoes the input back; these say
 * which parameter and what it must be, and never repeat what was sent.
 */
final class FrameworkRefusals {

    private FrameworkRefusals() {
    }

    /** The refusal in Latchkey's words, or empty when it is not the framework's but a handler's of ours. */
    static Optional<String> describe(HttpStatus status, Optional<Throwable> cause) {
        if (cause.isPresent()) {
            Throwable failure = cause.get();
            if (failure instanceof ConversionErrorException conversion) {
                Argument<?> argument = conversion.getArgument();
                return Optional.of("The " + where(argument) + " '" + name(argument) + "' must be "
                        + kind(argument.getType()) + ".");
            }
            if (failure instanceof UnsatisfiedRouteException unsatisfied) {
                Argument<?> argument = unsatisfied.getArgument();
                return Optional.of(where(argument).equals("request body") ? "This request needs a body."
                        : "The " + where(argument) + " '" + name(argument) + "' is required.");
            }
            if (failure instanceof ContentLengthExceededException) {
                return Optional.of(tooLarge());
            }
            if (!failure.getClass().getName().startsWith("io.micronaut.")) {
                // One of Latchkey's own exceptions: its handler chose the words.
                return Optional.empty();
            }
        }
        return switch (status) {
            case NOT_FOUND -> Optional.of("Nothing is found at this path.");
            case METHOD_NOT_ALLOWED -> Optional.of("This path does not take this method; the Allow header lists "
                    + "those it takes.");
            case UNSUPPORTED_MEDIA_TYPE -> Optional.of("This endpoint does not take a body of this Content-Type.");
            case NOT_ACCEPTABLE -> Optional.of("This endpoint answers in none of the types the Accept header names.");
            case REQUEST_ENTITY_TOO_LARGE -> Optional.of(tooLarge());
            default -> Optional.empty();
        };
    }

    private static String tooLarge() {
        return "The request body is larger than this endpoint takes.";
    }

    private static String where(Argument<?> argument) {
        AnnotationMetadata annotations = argument.getAnnotationMetadata();
        if (annotations.hasAnnotation(QueryValue.class)) {
            return "query parameter";
        }
        if (annotations.hasAnnotation(PathVariable.class)) {
            return "path segment";
        }
        if (annotations.hasAnnotation(Header.class)) {
            return "header";
        }
        if (annotations.hasAnnotation(CookieValue.class)) {
            return "cookie";
        }
        return "request body";
    }

    /** The parameter's name as the client writes it: the annotation's value where one is given. */
    private static String name(Argument<?> argument) {
        AnnotationMetadata annotations = argument.getAnnotationMetadata();
        for (Class<? extends java.lang.annotation.Annotation> binding : java.util.List.of(QueryValue.class,
                PathVariable.class, Header.class, CookieValue.class)) {
            Optional<String> named = annotations.stringValue(binding).filter(value -> !value.isEmpty());
            if (named.isPresent()) {
                return named.get();
            }
        }
        return argument.getName();
    }

    private static String kind(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant, such as 2026-01-31T12:00:00Z";
        }
        if (type == Duration.class) {
            return "an ISO-8601 duration, such as P7D";
        }
        if (type == LocalDate.class) {
            return "a date, such as 2026-01-31";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(constant -> ((Enum<?>) constant).name()
                    .toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        }
        return "a value of the kind the API reference gives";
    }
}
