package io.jakartaredis.limiter.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.interceptor.InvocationContext;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.RateLimited;

class CallBindingsTest {

    @RateLimited(policy = "on-type")
    static class Limited {
        public void inherited() {
        }

        @RateLimited(policy = "on-method")
        public void own() {
        }
    }

    static class Wrapper extends Limited {
    }

    static class Plain {
        public void call() {
        }
    }

    private static InvocationContext call(Object target, Method method, Map<String, Object> contextData) {
        return new InvocationContext() {
            public Object getTarget() { return target; }
            public Object getTimer() { return null; }
            public Method getMethod() { return method; }
            public java.lang.reflect.Constructor<?> getConstructor() { return null; }
            public Object[] getParameters() { return new Object[0]; }
            public void setParameters(Object[] parameters) { }
            public Map<String, Object> getContextData() { return contextData; }
            public Object proceed() { return null; }
        };
    }

    @Test
    void weldsBindingsComeFirstThenTheAnnotations() throws NoSuchMethodException {
        RateLimited own = Limited.class.getMethod("own").getAnnotation(RateLimited.class);
        Method plain = Plain.class.getMethod("call");
        assertEquals(own, CallBindings.rateLimitedOf(call(new Plain(), plain, Map.of(CallBindings.WELD_BINDINGS, Set.of(own)))),
                "a binding added by InterceptionFactory exists only in the container's bindings");
        assertEquals("on-method", CallBindings.rateLimitedOf(call(new Wrapper(), Limited.class.getMethod("own"), new HashMap<>())).policy());
        assertEquals("on-type", CallBindings.rateLimitedOf(call(new Wrapper(), Limited.class.getMethod("inherited"), new HashMap<>())).policy());
        assertNull(CallBindings.rateLimitedOf(call(new Plain(), plain, new HashMap<>())));
    }
}
