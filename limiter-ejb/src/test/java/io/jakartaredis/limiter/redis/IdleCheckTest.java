package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisServer;
import redis.clients.jedis.Jedis;

/** Sparse traffic goes straight to the script: a connection used within {@link IdleConnections#CHECK_AFTER} is not PINGed. */
class IdleCheckTest {

    @Test
    void twentyDecisions30MsApartSendNoPing() throws Exception {
        try (RedisServer redis = RedisServer.start();
             RedisRateLimiter limiter = TopologyLimiters.limiter("limiter.redis.url", redis.url(),
                     "limiter.policy.api.limits", "1000/1h", "limiter.deny-cache.enabled", "false");
             Jedis admin = redis.admin()) {
            limiter.tryAcquire("api", "warm");
            long pings = calls(admin, "ping");
            long scripts = calls(admin, "evalsha");
            for (int i = 0; i < 20; i++) {
                Thread.sleep(30); // about 33 decisions a second: a quiet endpoint
                limiter.tryAcquire("api", "c" + i);
            }
            assertEquals(20, calls(admin, "evalsha") - scripts);
            assertEquals(0, calls(admin, "ping") - pings, "decisions 30 ms apart are not checked with a PING");
        }
    }

    /** How often Redis ran {@code command} since it started (INFO commandstats). */
    static long calls(Jedis admin, String command) {
        String prefix = "cmdstat_" + command + ":calls=";
        for (String line : admin.info("commandstats").split("\r\n")) {
            if (line.startsWith(prefix)) {
                return Long.parseLong(line.substring(prefix.length()).split(",")[0]);
            }
        }
        return 0;
    }
}
