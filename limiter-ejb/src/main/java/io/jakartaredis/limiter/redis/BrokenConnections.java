package io.jakartaredis.limiter.redis;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import redis.clients.jedis.Connection;

/**
 * Gives broken connections back to their pool on a background thread. commons-pool2 2.13 makes a
 * replacement in {@code invalidateObject}, on the thread that gives one back: connect, and
 * {@code AUTH} when a password is set, each waiting up to a timeout on a slow or frozen Redis,
 * which a decision must not wait for. The queue holds at most the pools' connections.
 */
final class BrokenConnections implements AutoCloseable {

    private final Duration longestClose;
    private final ExecutorService thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread closing = new Thread(runnable, "limiter-broken-connections");
                closing.setDaemon(true);
                return closing;
            });

    /** @param longestClose how long giving one back may take: a connect and an {@code AUTH} */
    BrokenConnections(Duration longestClose) {
        this.longestClose = longestClose;
    }

    /** Gives {@code connection} back to its pool: now when it is sound, in the background when broken. */
    void close(Connection connection) {
        if (!connection.isBroken() || thread.isShutdown()) {
            connection.close();
            return;
        }
        try {
            thread.execute(() -> giveBack(connection));
        } catch (RejectedExecutionException stopping) {
            giveBack(connection);
        }
    }

    /**
     * Giving a broken connection back fails when the pool cannot make its replacement (Redis down,
     * {@code AUTH} refused): the decision that broke it has already gone to the failure policy and
     * the outage is logged there; the raw Jedis text, which may quote credentials, is never printed.
     */
    private static void giveBack(Connection connection) {
        try {
            connection.close();
        } catch (RuntimeException replacementFailed) {
            // The pool makes a new connection on the next borrow.
        }
    }

    /** Waits for the connections queued so far to be given back, then stops. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(longestClose.toMillis() + 100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
