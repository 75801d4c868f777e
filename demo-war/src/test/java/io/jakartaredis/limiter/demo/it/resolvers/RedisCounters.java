package io.jakartaredis.limiter.demo.it.resolvers;

import java.net.URI;

import org.eclipse.microprofile.config.ConfigProvider;

import redis.clients.jedis.Jedis;

/** Counters in the test Redis, where the test still reads them after the application has stopped. */
final class RedisCounters {

    private RedisCounters() {
    }

    static void add(String counter, int amount) {
        String url = ConfigProvider.getConfig().getValue("limiter.redis.url", String.class);
        try (Jedis redis = new Jedis(URI.create(url))) {
            redis.incrBy(counter, amount);
        }
    }
}
