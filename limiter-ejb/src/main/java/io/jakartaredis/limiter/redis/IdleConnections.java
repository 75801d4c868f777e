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
 * <p>Where every borrow of the pool passes here (standalone, Sentinel), a connection not seen
 * before was made by the pool for this borrow (connected, and authenticated when a password is
 * set, moments ago): it is not checked. On a Cluster, Jedis' own executor (keyless scripts,
 * {@code SCRIPT LOAD}) and the slot-map renewal borrow pooled connections too, so an unseen one
 * may have been idle for long: it is checked. Connections are weakly held: the pool destroys them
 * without telling.
 */
final class IdleConnections {

    /**
     * Long enough that sparse traffic (a decision every 30 ms, say) pays no {@code PING}: a connection
     * used within it goes straight to the script. Short against what closes idle connections: Redis'
     * {@code timeout} and proxies' idle timeouts are seconds. A restart can be faster (a local
     * {@code redis-server} without data: about 30 ms): a connection that answered less than this
     * before it is not checked, its decision goes to the failure policy, and its node's idle
     * connections are discarded then, so that costs one decision per node.
     */
    static final Duration CHECK_AFTER = Duration.ofMillis(250);

    private final Map<Connection, Long> lastAnswerNanos = Collections.synchronizedMap(new WeakHashMap<>());
    private final boolean unseenIsNew;

    /** @param unseenIsNew whether every borrow of the pool passes here, so that an unseen connection is a new one */
    IdleConnections(boolean unseenIsNew) {
        this.unseenIsNew = unseenIsNew;
    }

    /** Whether {@code connection} has not answered for {@link #CHECK_AFTER}, or is unseen and may be old. */
    boolean mayBeClosed(Connection connection) {
        Long last = lastAnswerNanos.get(connection);
        return last == null ? !unseenIsNew : System.nanoTime() - last > CHECK_AFTER.toNanos();
    }

    void answered(Connection connection) {
        lastAnswerNanos.put(connection, System.nanoTime());
    }
}
