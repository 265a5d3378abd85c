package dev.latchkey.adapter.rest.dialect.sampletoken;

import dev.latchkey.adapter.rest.problem.ErrorShape;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

/** Framework errors on {@code /Token} in the endpoint's own {@code {"error": ...}} form. */
@Singleton
@Requires(property = SampleTokenController.ENABLED, notEquals = "false")
final class SampleTokenErrors implements ErrorShape {

    @Override
    public boolean appliesTo(String path) {
        return path.equals(SampleTokenController.PATH) || path.equals(SampleTokenController.PATH + "/");
    }

    @Override
    public MutableHttpResponse<?> render(HttpRequest<?> request, MutableHttpResponse<?> response, String detail) {
        String error = response.status() == HttpStatus.SERVICE_UNAVAILABLE
                || response.status() == HttpStatus.TOO_MANY_REQUESTS ? "temporarily_unavailable"
                : response.status().getCode() >= 500 ? "server_error" : "invalid_request";
        return response.body(new SampleTokenController.Error(error, detail))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
