package dev.latchkey.adapter.rest.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.JsonExceptionHandler;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;

/**
 * Unparseable JSON. The parser's own message quotes the offending input, which may be a password or a token, so it
 * is not passed on: the client gets a fixed detail.
 */
@Singleton
@Replaces(JsonExceptionHandler.class)
final class MalformedJsonHandler implements ExceptionHandler<JsonSyntaxException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, JsonSyntaxException exception) {
        return Problems.response(request, ProblemType.MALFORMED_BODY,
                "The body could not be parsed as JSON; check its syntax and the Content-Type header.");
    }
}
