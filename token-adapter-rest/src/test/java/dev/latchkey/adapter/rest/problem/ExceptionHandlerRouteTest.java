package dev.latchkey.adapter.rest.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micronaut.context.BeanContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.context.Qualifier;
import io.micronaut.inject.qualifiers.ClosestTypeArgumentQualifier;
import org.mockito.ArgumentCaptor;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExceptionHandlerRouteTest {

    private final BeanContext beans = mock(BeanContext.class);
    private final ExceptionHandlerRoute route = new ExceptionHandlerRoute(beans);
    private final HttpRequest<?> request = HttpRequest.GET("/api/v1/tokens/self");

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void theHandlerOfAnExceptionClassIsLookedUpOnceAndAnswersEveryErrorOfThatClass() throws Throwable {
        BeanDefinition definition = mock(BeanDefinition.class);
        ExceptionHandler handler = mock(ExceptionHandler.class);
        when(beans.findBeanDefinition(eq(ExceptionHandler.class), any())).thenReturn(Optional.of(definition));
        when(beans.getBean(definition)).thenReturn(handler);
        when(handler.handle(any(), any())).thenReturn(HttpResponse.status(io.micronaut.http.HttpStatus.TOO_MANY_REQUESTS));

        for (int error = 0; error < 100; error++) {
            Object answer = route.handle(request, new IllegalStateException("refused " + error));
            assertThat(answer).isInstanceOf(HttpResponse.class);
        }

        verify(beans, times(1)).findBeanDefinition(eq(ExceptionHandler.class), any());
        verify(handler, times(100)).handle(eq(request), any(IllegalStateException.class));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void theLookupIsTheFrameworksOwnClosestTypeArgumentQuery() throws Throwable {
        when(beans.findBeanDefinition(eq(ExceptionHandler.class), any())).thenReturn(Optional.empty());
        IllegalArgumentException failure = new IllegalArgumentException("no handler");

        assertThatThrownBy(() -> route.handle(request, failure)).isSameAs(failure);

        // The qualifier has no equals (which is why the framework's own cache misses), so it is compared by content.
        ArgumentCaptor<Qualifier> query = ArgumentCaptor.forClass(Qualifier.class);
        verify(beans).findBeanDefinition(eq(ExceptionHandler.class), query.capture());
        assertThat(query.getValue()).isInstanceOfSatisfying(ClosestTypeArgumentQualifier.class, closest ->
                assertThat(closest.getTypeArguments()).containsExactly(IllegalArgumentException.class, Object.class));
    }
}
