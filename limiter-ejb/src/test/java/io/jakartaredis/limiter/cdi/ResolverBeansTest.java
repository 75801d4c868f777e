package io.jakartaredis.limiter.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.interceptor.InvocationContext;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.KeyResolver;
import io.jakartaredis.limiter.config.InvalidConfigurationException;

class ResolverBeansTest {

    static class IpResolver implements KeyResolver {
        @Override
        public String resolve(InvocationContext invocation) {
            return "ip";
        }
    }

    static class ApiKeyResolver extends IpResolver {
    }

    @interface Tenant {
    }

    private final ResolverBeans beans = ResolverBeans.ofKeyResolvers();

    private static ResolverBeans.Candidate bean(Class<?> type, boolean alternative, int priority, Class<?>... qualifiers) {
        Set<java.lang.reflect.Type> types = type == ApiKeyResolver.class
                ? Set.of(ApiKeyResolver.class, IpResolver.class, KeyResolver.class, Object.class)
                : Set.of(type, KeyResolver.class, Object.class);
        @SuppressWarnings("unchecked")
        Set<Class<? extends java.lang.annotation.Annotation>> annotations = (Set) Set.of(qualifiers);
        return new ResolverBeans.Candidate(type, types, annotations, alternative, priority);
    }

    private String failure(Class<?> resolver) {
        return assertThrows(InvalidConfigurationException.class, () -> beans.checkResolvable(resolver, "Api#call")).getMessage();
    }

    @Test
    void aSubclassBeanMakesTheSuperclassResolverAmbiguous() {
        beans.add(bean(IpResolver.class, false, 0, Default.class, Any.class));
        beans.add(bean(ApiKeyResolver.class, false, 0, Default.class, Any.class));
        assertEquals("@RateLimited(keyResolver) on Api#call: \"" + IpResolver.class.getName() + "\" is invalid: it is ambiguous: beans "
                + ApiKeyResolver.class.getName() + ", " + IpResolver.class.getName() + " all have this type; restrict the subclass "
                + "with @Typed, or name the subclass as the key resolver", failure(IpResolver.class));
        beans.checkResolvable(ApiKeyResolver.class, "Api#call");
    }

    @Test
    void aQualifiedResolverIsRejected() {
        beans.add(bean(IpResolver.class, false, 0, Tenant.class, Any.class));
        assertEquals("@RateLimited(keyResolver) on Api#call: \"" + IpResolver.class.getName() + "\" is invalid: no bean of this type "
                + "has the @Default qualifier (" + IpResolver.class.getName() + " are qualified); the resolver is looked up without "
                + "qualifiers", failure(IpResolver.class));
    }

    @Test
    void aTypeThatIsNoBeanIsRejected() {
        assertEquals("@RateLimited(keyResolver) on Api#call: \"" + IpResolver.class.getName() + "\" is invalid: the key resolver "
                + "must be a CDI bean (e.g. @ApplicationScoped)", failure(IpResolver.class));
    }

    @Test
    void anAlternativeOfTheHighestPriorityWins() {
        beans.add(bean(IpResolver.class, false, 0, Default.class, Any.class));
        beans.add(bean(ApiKeyResolver.class, true, 10, Default.class, Any.class));
        beans.checkResolvable(IpResolver.class, "Api#call");
    }
}
