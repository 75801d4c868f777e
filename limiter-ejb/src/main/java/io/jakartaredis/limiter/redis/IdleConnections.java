package io.jakartaredis.limiter.redis;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import redis.clients.jedis.Connection;

/**
 * When each connection last answered, to tell the ones that may have been closed by the server
 * (restart, idle timeout, {@code CLIENT KILL}, a proxy) since. Such a connection still accepts a
 * write, and only the read fails, with "unexpected end of stream", which is also what a command
 * that ran and lost its reply gets. Checked before the command, it tells the two apart.
 *
 * <p>Connections are weakly held: the pool destroys them without telling.
 */
final class IdleConnections {

    /**
     * Long enough that a busy pool, whose connections are reused every few ms, is never checked;
     * short enough that a Redis restart (kill, start, accept) always outlasts it.
     */
    static final Duration CHECK_AFTER = Duration.ofMillis(20);

    private final Map<Connection, Long> lastAnswerNanos = Collections.synchronizedMap(new WeakHashMap<>());

    /** Whether {@code connection} has not answered for {@link #CHECK_AFTER}, or never did (also new ones). */
    boolean mayBeClosed(Connection connection) {
        Long last = lastAnswerNanos.get(connection);
        return last == null || System.nanoTime() - last > CHECK_AFTER.toNanos();
    }

    void answered(Connection connection) {
        lastAnswerNanos.put(connection, System.nanoTime());
    }
}
