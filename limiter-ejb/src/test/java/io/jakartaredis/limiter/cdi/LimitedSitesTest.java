package io.jakartaredis.limiter.cdi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.RateLimited;

class LimitedSitesTest {

    static class Base {
        public String inherited() {
            return "base";
        }

        @RateLimited(policy = "own")
        public String annotatedInBase() {
            return "own";
        }

        private void hidden() {
        }

        static void utility() {
        }
    }

    @RateLimited(policy = "on-type", limits = "5/1m")
    static class Impl extends Base {
        public String declared() {
            return "impl";
        }
    }

    private static final RateLimited ON_TYPE = Impl.class.getAnnotation(RateLimited.class);

    private static RateLimited applying(Method method) {
        return LimitedSites.applying(method, method.getAnnotation(RateLimited.class), ON_TYPE);
    }

    @Test
    void typeAnnotationAppliesToInheritedMethodsAsToDeclaredOnes() throws Exception {
        assertSame(ON_TYPE, applying(Base.class.getMethod("inherited")));
        assertSame(ON_TYPE, applying(Impl.class.getMethod("declared")));
    }

    @Test
    void methodAnnotationWinsOverTheTypes() throws Exception {
        Method annotated = Base.class.getMethod("annotatedInBase");
        assertSame(annotated.getAnnotation(RateLimited.class), applying(annotated));
    }

    @Test
    void methodsThatAreNeverInterceptedAreNotSites() throws Exception {
        assertNull(applying(Base.class.getDeclaredMethod("hidden")));
        assertNull(applying(Base.class.getDeclaredMethod("utility")));
        assertNull(applying(Object.class.getMethod("toString")));
        assertFalse(LimitedSites.isBusinessMethod(Object.class.getMethod("hashCode")));
    }

    @Test
    void noAnnotationNoSite() throws Exception {
        assertNull(LimitedSites.applying(Base.class.getMethod("inherited"), null, null));
    }
}
