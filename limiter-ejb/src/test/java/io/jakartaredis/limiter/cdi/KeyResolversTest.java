package io.jakartaredis.limiter.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.KeyResolver;

class KeyResolversTest {

    /** Stands for a {@code @Dependent} resolver bean: counts its instances and their destruction. */
    private final List<String> created = new ArrayList<>();
    private final List<String> destroyed = new ArrayList<>();
    private KeyResolvers resolvers;
    /** When set, the next instance's {@code @PostConstruct} calls a method limited by the same resolver. */
    private boolean callFromPostConstruct;

    private SharedResolvers.Resolved<KeyResolver> create(Class<? extends KeyResolver> type) {
        String name = "resolver-" + (created.size() + 1);
        created.add(name);
        if (callFromPostConstruct) {
            callFromPostConstruct = false;
            resolvers.resolve(type, null);
        }
        return new SharedResolvers.Resolved<>(invocation -> name, () -> destroyed.add(name));
    }

    @Test
    void aResolverWhosePostConstructCallsALimitedMethodIsCreatedOutsideTheMapUpdate() {
        resolvers = new KeyResolvers(this::create);
        callFromPostConstruct = true;
        // before: ConcurrentHashMap.computeIfAbsent re-entered for the same key threw "Recursive update"
        assertEquals("resolver-2", resolvers.resolve(KeyResolver.class, null), "the one created first is kept");
        assertEquals(List.of("resolver-1"), destroyed, "the other one is destroyed at once");
        assertEquals("resolver-2", resolvers.resolve(KeyResolver.class, null));
        resolvers.destroyDependentResolvers();
        assertEquals(List.of("resolver-1", "resolver-2"), destroyed);
        assertEquals(2, created.size());
    }

    @Test
    void afterShutdownEachCallCreatesItsResolverAndDestroysIt() {
        resolvers = new KeyResolvers(this::create);
        assertEquals("resolver-1", resolvers.resolve(KeyResolver.class, null));
        resolvers.destroyDependentResolvers();
        assertEquals(List.of("resolver-1"), destroyed);
        assertEquals("resolver-2", resolvers.resolve(KeyResolver.class, null));
        assertEquals("resolver-3", resolvers.resolve(KeyResolver.class, null));
        assertEquals(List.of("resolver-1", "resolver-2", "resolver-3"), destroyed, "none outlives its call");
    }
}
