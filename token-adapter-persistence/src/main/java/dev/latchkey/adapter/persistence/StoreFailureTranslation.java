package dev.latchkey.adapter.persistence;

import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import jakarta.inject.Singleton;

/** The advice of {@link TranslatesStoreFailures}. */
@Singleton
@InterceptorBean(TranslatesStoreFailures.class)
final class StoreFailureTranslation implements MethodInterceptor<Object, Object> {

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        try {
            return context.proceed();
        } catch (RuntimeException failure) {
            throw StoreFailures.translated(failure);
        }
    }
}
