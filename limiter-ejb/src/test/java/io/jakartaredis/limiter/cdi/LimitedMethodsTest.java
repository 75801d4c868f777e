package io.jakartaredis.limiter.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.RateLimited;
import io.jakartaredis.limiter.config.InvalidConfigurationException;
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

    interface Handler<T> {
        void handle(T message);
    }

    /** The compiler adds a bridge {@code handle(Object)} that calls {@code handle(String)}. */
    static class StringHandler implements Handler<String> {
        @Override
        public void handle(String message) {
        }
    }

    /** Never a bean: what {@code InterceptionFactory.createInterceptedInstance} wraps. */
    static class NotABean {
        @RateLimited(policy = "late", limits = "5/1m")
        public void call() {
        }

        @RateLimited(policy = "no-limits")
        public void withoutLimits() {
        }

        /** Only its annotation is used: the binding of another interceptor of this class. */
        @RateLimited(policy = "late-b", limits = "2/1m")
        public void otherBinding() {
        }
    }

    private static final LimitedMethod SETTINGS = new LimitedMethod("api", new KeyStrategy.Global(), null, 1);
    private static final LimitedMethod LATE = new LimitedMethod("late", new KeyStrategy.Ip(), null, 1);

    private final List<String> builtLate = new ArrayList<>();
    private final Method inherited;
    private final Method handleString;
    private final LimitedMethods methods;

    LimitedMethodsTest() throws NoSuchMethodException {
        inherited = Base.class.getMethod("inherited");
        handleString = StringHandler.class.getMethod("handle", String.class);
        methods = new LimitedMethods(Map.of(Bean.class, Map.of(inherited, SETTINGS), StringHandler.class, Map.of(handleString, SETTINGS)),
                (type, method, binding) -> {
                    builtLate.add(RateLimitedExtension.origin(type, method));
                    if (binding.limits().isEmpty()) {
                        throw new InvalidConfigurationException("@RateLimited(policy) on " + RateLimitedExtension.origin(type, method),
                                binding.policy(), "no limits");
                    }
                    return LATE;
                });
    }

    private static RateLimited bindingOf(Method method) {
        return method.getAnnotation(RateLimited.class);
    }

    @Test
    void findsTheSettingsOfTheBeanClassFromASubclassThatTheContainerGenerated() {
        assertSame(SETTINGS, methods.of(ContainerSubclass.class, inherited, () -> null));
        assertSame(SETTINGS, methods.of(Bean.class, inherited, () -> null));
    }

    @Test
    void aBridgeMethodHasTheSettingsOfTheMethodItBridges() throws NoSuchMethodException {
        Method bridge = StringHandler.class.getMethod("handle", Object.class);
        assertTrue(bridge.isBridge());
        // before: IllegalStateException "no @RateLimited settings were built at deployment for ...StringHandler#handle"
        assertSame(SETTINGS, methods.of(StringHandler.class, bridge, () -> null));
        assertEquals(List.of(), builtLate);
    }

    @Test
    void aTargetThatWasNeverABeanGetsSettingsBuiltOnceFromTheCallsBinding() throws NoSuchMethodException {
        Method call = NotABean.class.getMethod("call");
        // before: IllegalStateException on every call
        assertSame(LATE, methods.of(NotABean.class, call, () -> bindingOf(call)));
        assertSame(LATE, methods.of(NotABean.class, call, () -> bindingOf(call)));
        assertEquals(List.of(NotABean.class.getName() + "#call"), builtLate, "built and validated once");
    }

    @Test
    void twoBindingsOfOneMethodKeepTheirOwnSettings() throws NoSuchMethodException {
        Method call = NotABean.class.getMethod("call");
        RateLimited other = bindingOf(NotABean.class.getMethod("otherBinding"));
        methods.of(NotABean.class, call, () -> bindingOf(call));
        methods.of(NotABean.class, call, () -> other);
        methods.of(NotABean.class, call, () -> other);
        assertEquals(List.of(NotABean.class.getName() + "#call", NotABean.class.getName() + "#call"), builtLate,
                "one build per binding, never the first binding's settings for the second");
    }

    @Test
    void anInvalidBindingFailsTheCallNamingTheValue() throws NoSuchMethodException {
        Method withoutLimits = NotABean.class.getMethod("withoutLimits");
        assertEquals("@RateLimited(policy) on " + NotABean.class.getName() + "#withoutLimits: \"no-limits\" is invalid: no limits",
                assertThrows(InvalidConfigurationException.class,
                        () -> methods.of(NotABean.class, withoutLimits, () -> bindingOf(withoutLimits))).getMessage());
    }

    @Test
    void aMethodWithNeitherSettingsNorBindingIsAnErrorNamingIt() throws NoSuchMethodException {
        Method unlimited = Base.class.getMethod("unlimited");
        assertEquals("no @RateLimited settings were built at deployment for " + ContainerSubclass.class.getName()
                        + "#unlimited, and the call carries no @RateLimited binding",
                assertThrows(IllegalStateException.class, () -> methods.of(ContainerSubclass.class, unlimited, () -> null)).getMessage());
    }
}
