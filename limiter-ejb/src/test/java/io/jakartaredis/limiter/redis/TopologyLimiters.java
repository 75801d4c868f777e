package io.jakartaredis.limiter.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.core.RedisRateLimiter;

/** Limiters for topology and security tests: no default URL, failures thrown rather than decided locally. */
final class TopologyLimiters {

    private TopologyLimiters() {
    }

    /** The configuration of the given properties (name, value, …) over generous timeouts and {@code on-failure=closed}. */
    static LimiterConfig config(String... properties) {
        Map<String, String> values = new HashMap<>();
        values.put("limiter.redis.timeout", "2s");
        values.put("limiter.redis.pool.max-wait", "2s");
        values.put("limiter.on-failure", "closed");
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        return LimiterConfigReader.read(ConfigValues.of(values));
    }

    /** A connected limiter with its own pool; the caller closes it. */
    static RedisRateLimiter limiter(String... properties) {
        return RedisRateLimiter.connect(config(properties));
    }

    /**
     * {@code calls} decisions of policy {@code api} on each of {@code threads} threads released at
     * once, thread {@code t} for client {@code c<t>}; every decision refused (Redis could not decide)
     * or rejected, as "client: why".
     */
    static List<String> refusedAtOnce(RedisRateLimiter limiter, int threads, int calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String client = "c" + t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<String> refused = new ArrayList<>();
                    for (int call = 0; call < calls; call++) {
                        try {
                            if (!limiter.tryAcquire("api", client).allowed()) {
                                refused.add(client + ": rejected");
                            }
                        } catch (RateLimiterUnavailableException e) {
                            refused.add(client + ": " + e.getMessage());
                        }
                    }
                    return refused;
                }));
            }
            start.countDown();
            List<String> refused = new ArrayList<>();
            for (Future<List<String>> result : results) {
                refused.addAll(result.get(60, TimeUnit.SECONDS));
            }
            return refused;
        } finally {
            pool.shutdownNow();
        }
    }
}
