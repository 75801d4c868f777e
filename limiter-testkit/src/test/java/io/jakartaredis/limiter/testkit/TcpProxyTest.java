package io.jakartaredis.limiter.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

class TcpProxyTest {

    @Test
    void forwardsThenDropsTheReplyOfACommandThatRan() {
        try (RedisServer redis = RedisServer.start(); TcpProxy proxy = TcpProxy.to(redis.host(), redis.port());
             Jedis client = new Jedis(RedisServer.HOST, proxy.port(), 2000);
             Jedis direct = redis.admin()) {
            assertEquals(1, client.incr("counter"));
            proxy.dropReplies(true);
            assertThrows(JedisConnectionException.class, () -> client.incr("counter"));
            assertEquals("2", direct.get("counter"), "the command ran; only its reply was lost");
        }
    }

    @Test
    void closesOpenConnectionsAndAcceptsNewOnes() {
        try (RedisServer redis = RedisServer.start(); TcpProxy proxy = TcpProxy.to(redis.host(), redis.port())) {
            Jedis client = new Jedis(RedisServer.HOST, proxy.port(), 2000);
            assertEquals("PONG", client.ping());
            proxy.closeConnections();
            assertThrows(JedisConnectionException.class, client::ping);
            client.close();
            try (Jedis again = new Jedis(RedisServer.HOST, proxy.port(), 2000)) {
                assertEquals("PONG", again.ping());
            }
        }
    }
}
