package io.jakartaredis.limiter.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.keys.KeyStrategy;

class LimitedMethodsTest {

    static class Base {
        public void inherited() {
        }

        public void unlimited() {
        }
    }

    static class Bean extends Base {
    }

    /** What a container generates to intercept a bean. */
    static class ContainerSubclass extends Bean {
    }

    private static final LimitedMethod SETTINGS = new LimitedMethod("api", new KeyStrategy.Global(), null, 1);

    private final LimitedMethods methods;
    private final Method inherited;

    LimitedMethodsTest() throws NoSuchMethodException {
        inherited = Base.class.getMethod("inherited");
        methods = new LimitedMethods(Map.of(Bean.class, Map.of(inherited, SETTINGS)));
    }

    @Test
    void findsTheSettingsOfTheBeanClassFromASubclassThatTheContainerGenerated() {
        assertSame(SETTINGS, methods.of(ContainerSubclass.class, inherited));
        assertSame(SETTINGS, methods.of(Bean.class, inherited));
    }

    @Test
    void aMethodNotSeenAtDeploymentIsAnErrorNamingIt() throws NoSuchMethodException {
        Method unlimited = Base.class.getMethod("unlimited");
        assertEquals("no @RateLimited settings were built at deployment for " + ContainerSubclass.class.getName() + "#unlimited",
                assertThrows(IllegalStateException.class, () -> methods.of(ContainerSubclass.class, unlimited)).getMessage());
        assertThrows(IllegalStateException.class, () -> methods.of(Base.class, inherited), "Base is no bean here");
    }
}
