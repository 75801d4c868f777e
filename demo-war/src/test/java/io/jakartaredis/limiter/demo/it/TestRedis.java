package io.jakartaredis.limiter.demo.it;

import io.jakartaredis.limiter.testkit.RedisServer;

/**
 * One real Redis for the in-server tests of this JVM, started before the first deployment (the
 * deployment needs its port) and killed when the JVM exits.
 */
final class TestRedis {

    private static RedisServer server;

    private TestRedis() {
    }

    static synchronized RedisServer server() {
        if (server == null || !server.isRunning()) {
            server = RedisServer.start();
        }
        return server;
    }
}
