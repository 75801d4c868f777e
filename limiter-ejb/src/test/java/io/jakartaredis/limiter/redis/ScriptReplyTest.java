package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import redis.clients.jedis.BuilderFactory;

/** A script's reply reads as Jedis' own {@code evalsha} reads it; a list of integers only is kept as read, not copied. */
class ScriptReplyTest {

    private static byte[] bulk(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Stream<Object> replies() {
        return Stream.of(1L, bulk("PONG"), new ArrayList<>(List.of(1L, 4L, 0L, 3600000L, 5L, 1L, -1L)),
                new ArrayList<>(List.of(1L, bulk("x"), 2L)), new ArrayList<>(List.of(bulk("a"), bulk("b"))),
                new ArrayList<>(List.of(new ArrayList<>(List.of(1L, 2L)), 3L)), new ArrayList<>(List.of()),
                new ArrayList<>(List.of(1L, 2.5d)));
    }

    @ParameterizedTest
    @MethodSource("replies")
    void readsEveryReplyAsJedisEvalshaDoes(Object reply) {
        Object expected = BuilderFactory.AGGRESSIVE_ENCODED_OBJECT.build(reply);
        Object read = JedisScriptExecutor.SCRIPT_REPLY.build(reply);
        assertEquals(String.valueOf(expected), String.valueOf(read));
        assertEquals(expected == null ? null : expected.getClass(), read == null ? null : read.getClass());
    }

    @Test
    void keepsADecisionsReplyAsRead() {
        List<Long> decision = new ArrayList<>(List.of(1L, 4L, 0L, 3600000L, 5L, 1L, -1L));
        assertSame(decision, JedisScriptExecutor.SCRIPT_REPLY.build(decision));
    }

    @Test
    void readsNothingAsNothing() {
        assertEquals(null, JedisScriptExecutor.SCRIPT_REPLY.build(null));
    }
}
