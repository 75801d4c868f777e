package io.jakartaredis.limiter.web;

import static io.jakartaredis.limiter.web.ServletFakes.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.core.DecisionListener;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.redis.LuaScript;
import io.jakartaredis.limiter.redis.ScriptExecutor;

/**
 * With Redis away and {@code on-failure=local} on two nodes, every local capacity is half the
 * configured one; the headers must still name the limit that blocks.
 */
class LocalFallbackHeadersTest {

    /** A Redis that never answers. */
    private static final class DeadRedis implements ScriptExecutor {
        @Override
        public void load(LuaScript script) {
            throw new RateLimiterUnavailableException("down", null);
        }

        @Override
        public Object runReadOnly(LuaScript script, List<String> keys, List<String> args) {
            return run(script, keys, args);
        }

        @Override
        public Object run(LuaScript script, List<String> keys, List<String> args) {
            throw new RateLimiterUnavailableException("down", null);
        }

        @Override
        public void close() {
        }
    }

    private long nanos;

    @Test
    void aLocalRejectionWithSeveralNodesNamesTheLimitThatBlocks() throws Exception {
        // Locally 2/1m and 3/1h.
        var config = LimiterConfigReader.read(ConfigValues.of(Map.of("limiter.policy.api.limits", "4/1m, 6/1h",
                "limiter.on-failure", "local", "limiter.local.nodes", "2", "limiter.circuit.failure-threshold", "100")));
        var limiter = new RedisRateLimiter(config, new DeadRedis(), DecisionListener.NONE, () -> nanos);
        var filter = new RateLimitFilter(WebConfigReader.read(ConfigValues.of(Map.of(
                "limiter.web.rules.r.pattern", "/api/*", "limiter.web.rules.r.policy", "api")), limiter::policy), limiter);

        assertEquals(200, call(filter).status);
        assertEquals(200, call(filter).status);
        ServletFakes.Captured perMinute = call(filter);
        assertEquals(429, perMinute.status);
        assertEquals("\"api-1\";r=0;t=30", perMinute.headers.get("RateLimit"));

        nanos += 60_000_000_000L;
        assertEquals(200, call(filter).status);
        ServletFakes.Captured perHour = call(filter);
        assertEquals(429, perHour.status);
        assertEquals("\"api-2\";r=0;t=1140", perHour.headers.get("RateLimit"), "the hourly limit blocks");
        assertEquals("api-2", ProblemJson.read(perHour.body()).getJsonArray("violated-policies").getString(0));
    }

    private static ServletFakes.Captured call(RateLimitFilter filter) throws Exception {
        ServletFakes.Captured response = new ServletFakes.Captured();
        filter.doFilter(get("/api/items", "203.0.113.5"), response.response(), new ServletFakes.Chain().chain());
        return response;
    }
}
