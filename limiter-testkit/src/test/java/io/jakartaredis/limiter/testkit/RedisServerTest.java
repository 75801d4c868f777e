package io.jakartaredis.limiter.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

class RedisServerTest {

    @Test
    void startsOnAFreePortAndStopsForGood() {
        RedisServer server = RedisServer.start();
        try (server) {
            assertNotEquals(6379, server.port());
            try (Jedis jedis = server.admin()) {
                assertEquals("PONG", jedis.ping());
            }
        }
        assertFalse(server.isRunning());
        assertThrows(JedisException.class, () -> {
            try (Jedis jedis = server.admin()) {
                jedis.ping();
            }
        });
    }

    @Test
    void restartKeepsThePortAndLosesTheData() {
        try (RedisServer server = RedisServer.start()) {
            int port = server.port();
            try (Jedis jedis = server.admin()) {
                jedis.set("k", "v");
            }
            server.restart();
            assertEquals(port, server.port());
            try (Jedis jedis = server.admin()) {
                assertFalse(jedis.exists("k"));
            }
        }
    }

    @Test
    void passesExtraArgumentsAndUsesThePasswordForAdminCommands() {
        try (RedisServer server = RedisServer.start("--requirepass", "s3cret")) {
            server.flushAll();
            try (Jedis anonymous = new Jedis(server.host(), server.port())) {
                assertThrows(JedisException.class, () -> anonymous.set("k", "v"));
            }
        }
    }

    @Test
    void locatedBinaryIsRecentEnoughAndOlderOnesAreRefusedWithAHint() {
        assertTrue(RedisBinary.version(RedisBinary.locate()).startsWith("Redis server v="));
        Path old = Path.of("/opt/redis-6/redis-server");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> RedisBinary.requireSupportedVersion(
                old, "Redis server v=6.2.6 sha=00000000:0 malloc=jemalloc-5.1.0 bits=64 build=9e0b4b3e4c4a9a4"));
        assertEquals("/opt/redis-6/redis-server is Redis 6.2.6; the limiter needs 7.0 or newer: install Redis 7.0 or newer"
                + " (apt-get install redis-server, brew install redis) or set REDIS_SERVER to its redis-server", refused.getMessage());
        RedisBinary.requireSupportedVersion(old, "Redis server v=8.2.1 sha=00000000:0");
    }
}
