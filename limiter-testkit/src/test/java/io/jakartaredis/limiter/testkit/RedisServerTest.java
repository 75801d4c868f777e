package io.jakartaredis.limiter.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void bundledBinaryRunsWhereNoSystemOneIsInstalled() throws Exception {
        Process version = new ProcessBuilder(RedisBinary.extractBundled().toString(), "--version").start();
        String output = new String(version.getInputStream().readAllBytes());
        assertTrue(version.waitFor() == 0 && output.startsWith("Redis server v="), output);
    }
}
