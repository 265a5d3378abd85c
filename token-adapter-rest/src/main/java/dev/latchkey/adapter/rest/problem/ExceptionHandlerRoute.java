package dev.latchkey.adapter.rest.problem;

import io.micronaut.context.BeanContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.Optional;

/**
 * Answers every error with the {@link ExceptionHandler} the framework itself would pick, resolved once per exception
 * class instead of once per error.
 *
 * <p>Why it exists: Micronaut 4.10 looks an error's handler up with a bean query whose qualifier
 * ({@code Qualifiers.byTypeArgumentsClosest}) has no {@code equals}, so the bean context's candidate cache never hits.
 * Each error response scanned every handler definition (over half the CPU of a wrong-password flood, profiled with
 * JFR), and each scan's key evicted a useful entry from that 30-entry cache. Global error routes are consulted first,
 * by a short list scan, so this route takes the errors before that query runs. It runs the same query, keeps the
 * answer per class, and calls the handler it names; refusals (401, 429, 503) are what floods are made of, and now cost
 * what the handler costs.
 *
 * <p>A failure with no handler is thrown on, to the framework's default answer, as before.
 *
 * <p>A {@link VirtualMachineError} (out of memory, out of threads) is first handed to the thread's uncaught-exception
 * handler, as if it had ended the thread: the framework would answer it with a 500 and carry on, and the process's
 * owner (the bootstrap) decides whether the process can. A stack overflow is answered as before.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
final class ExceptionHandlerRoute {

    private final BeanContext beans;
    private final ClassValue<Optional<ExceptionHandler<Throwable, ?>>> handlers = new ClassValue<>() {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        protected Optional<ExceptionHandler<Throwable, ?>> computeValue(Class<?> failure) {
            return beans.findBeanDefinition(ExceptionHandler.class,
                            Qualifiers.byTypeArgumentsClosest(failure, Object.class))
                    .map(definition -> (ExceptionHandler<Throwable, ?>) beans.getBean(definition));
        }
    };

    ExceptionHandlerRoute(BeanContext beans) {
        this.beans = beans;
    }

    @Error(global = true, exception = Throwable.class)
    Object handle(HttpRequest<?> request, Throwable failure) throws Throwable {
        reportVirtualMachineError(failure);
        Optional<ExceptionHandler<Throwable, ?>> handler = handlers.get(failure.getClass());
        if (handler.isEmpty()) {
            throw failure;
        }
        return handler.get().handle(request, failure);
    }

    private static void reportVirtualMachineError(Throwable failure) {
        Throwable cause = failure;
        // Bounded: a cause chain can be made circular.
        for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
            // A stack overflow has unwound by now and left the thread usable; the 500 and its log line say the rest.
            if (cause instanceof VirtualMachineError && !(cause instanceof StackOverflowError)) {
                Thread thread = Thread.currentThread();
                thread.getUncaughtExceptionHandler().uncaughtException(thread, cause);
                return;
            }
        }
    }
}
