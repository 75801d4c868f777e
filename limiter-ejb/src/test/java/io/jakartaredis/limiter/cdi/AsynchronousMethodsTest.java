package io.jakartaredis.limiter.cdi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import jakarta.ejb.Asynchronous;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.InvalidConfigurationException;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.config.PolicyConfig;

class AsynchronousMethodsTest {

    private static final LimiterConfig CONFIG = LimiterConfigReader.read(ConfigValues.of(Map.of(
            "limiter.policy.reports.concurrency", "4",
            "limiter.policy.api.limits", "10/1s", "limiter.policy.api.tiers.gold.concurrency", "8",
            "limiter.policy.plain.limits", "10/1s")));

    @SuppressWarnings("unused")
    static class Bean {
        Future<String> future() {
            return null;
        }

        CompletableFuture<String> completable() {
            return null;
        }

        CompletionStage<String> stage() {
            return null;
        }

        void suspended(String id, @Suspended AsyncResponse response) {
        }

        String plain() {
            return null;
        }

        @Asynchronous
        public Future<String> ejbAsynchronous() {
            return null;
        }
    }

    @Asynchronous
    static class AsynchronousBean {
        public Future<String> future() {
            return null;
        }
    }

    private static void check(Class<?> type, String method, String policy) throws NoSuchMethodException {
        Method found = method.equals("suspended") ? type.getDeclaredMethod(method, String.class, AsyncResponse.class)
                : type.getDeclaredMethod(method);
        PolicyConfig config = CONFIG.policy(policy).orElseThrow();
        AsynchronousMethods.check(type, found, config, type.getSimpleName() + "#" + method);
    }

    @Test
    void aFutureThatIsNoStageOrASuspendedResponseFailsTheDeploymentUnderAConcurrencyLimit() {
        InvalidConfigurationException future = assertThrows(InvalidConfigurationException.class,
                () -> check(Bean.class, "future", "reports"));
        assertTrue(future.getMessage().startsWith("@RateLimited on Bean#future: \"java.util.concurrent.Future\" is invalid"),
                future.getMessage());
        assertTrue(future.getMessage().contains("policy 'reports' has a concurrency limit"), future.getMessage());
        InvalidConfigurationException suspended = assertThrows(InvalidConfigurationException.class,
                () -> check(Bean.class, "suspended", "api"));
        assertTrue(suspended.getMessage().contains("suspended AsyncResponse"), suspended.getMessage());
        assertEquals("@RateLimited on Bean#suspended", suspended.property(), "a tier's concurrency limit counts too");
    }

    @Test
    void stagesPlainReturnsEjbAsynchronousMethodsAndPoliciesWithoutConcurrencyPass() {
        assertDoesNotThrow(() -> check(Bean.class, "completable", "reports"));
        assertDoesNotThrow(() -> check(Bean.class, "stage", "reports"));
        assertDoesNotThrow(() -> check(Bean.class, "plain", "reports"));
        assertDoesNotThrow(() -> check(Bean.class, "ejbAsynchronous", "reports"));
        assertDoesNotThrow(() -> check(AsynchronousBean.class, "future", "reports"));
        assertDoesNotThrow(() -> check(Bean.class, "future", "plain"));
        assertDoesNotThrow(() -> check(Bean.class, "suspended", "plain"));
    }
}
