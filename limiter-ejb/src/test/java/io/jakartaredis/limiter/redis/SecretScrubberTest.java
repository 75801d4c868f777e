package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.SocketTimeoutException;
import java.util.List;

import org.junit.jupiter.api.Test;

import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** What the scrubber removes from Redis' text, and what it leaves readable. */
class SecretScrubberTest {

    private final SecretScrubber scrubber = new SecretScrubber(List.of("s3cr\nt"), List.of("limiter"));

    @Test
    void cutsEchoedArgumentsAndHidesPasswordsAnywhereAndUsersWhereQuoted() {
        assertEquals("ERR unknown command 'AUTH', with args beginning with: ****",
                scrubber.scrub("ERR unknown command 'AUTH', with args beginning with: 'limiter' 's3cr t' "));
        assertEquals("a **** b **** c ****", scrubber.scrub("a s3cr\nt b s3cr t c 'limiter'"));
        assertEquals("Failed to connect to redis.limiter.svc:6379", scrubber.scrub("Failed to connect to redis.limiter.svc:6379"));
    }

    @Test
    void aScrubbedCauseChainKeepsClassesForTheFailureKindAndShowsNoSecret() {
        Throwable scrubbed = scrubber.scrub(new JedisConnectionException("x 's3cr\nt'",
                new SocketTimeoutException("Read timed out")));
        assertEquals(RedisFailure.TIMEOUT, RedisFailure.of(scrubbed));
        assertEquals(RedisFailure.SCRIPT_FAILED, RedisFailure.of(scrubber.scrub(new JedisDataException("NOPERM"))));
        StringWriter trace = new StringWriter();
        scrubbed.printStackTrace(new PrintWriter(trace));
        assertTrue(trace.toString().startsWith("redis.clients.jedis.exceptions.JedisConnectionException: x '****'"), trace.toString());
        assertTrue(trace.toString().contains("Caused by: java.net.SocketTimeoutException: Read timed out"), trace.toString());
        assertFalse(trace.toString().contains("s3cr"));
    }
}
