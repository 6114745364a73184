package dev.offlinefirst.server.isolation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Marks a {@code @GraphQLApi} class whose resolvers run for an authenticated viewer with the row
 * filters on. Every API class carries it; {@code IsolationArchitectureTest} fails the build otherwise.
 */
@InterceptorBinding
@Inherited
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface ViewerIsolated {
}
