package io.jakartaredis.limiter.redis;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import redis.clients.jedis.providers.ClusterConnectionProvider;

/**
 * Renews a cluster's slot map on a background thread after a connection failure or a {@code MOVED},
 * so that the new owner of a slot is found without a decision waiting for it: renewing asks the
 * seed nodes in turn, and a frozen one would hold its caller for a timeout. Requests made while one
 * renewal runs and another waits are dropped: that one will see the same cluster.
 *
 * <p>A renewal makes a pool for every node it finds. Closing waits for one in flight (a socket read
 * is not interrupted), so that the provider is closed after it; one that outlasts the wait closes
 * the provider again itself.
 */
final class SlotMapRenewal implements AutoCloseable {

    private final ClusterConnectionProvider provider;
    private final Duration longestRenewal;
    private final ThreadPoolExecutor thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1), runnable -> {
                Thread renewing = new Thread(runnable, "limiter-cluster-slot-map");
                renewing.setDaemon(true);
                return renewing;
            }, new ThreadPoolExecutor.DiscardPolicy());
    private volatile boolean closed;

    /** @param longestRenewal how long a renewal may take: each seed asked in turn, for one timeout each */
    SlotMapRenewal(ClusterConnectionProvider provider, Duration longestRenewal) {
        this.provider = provider;
        this.longestRenewal = longestRenewal;
    }

    /** Renews the slot map soon, unless a renewal is already waiting. */
    void request() {
        thread.execute(this::renew);
    }

    private void renew() {
        if (closed) {
            return;
        }
        provider.renewSlotCache();
        if (closed) {
            provider.close(); // closed while renewing: the pools it made are closed too
        }
    }

    /** Stops renewing and waits, at most for the longest renewal, for one in flight to end; the caller then closes the provider. */
    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        try {
            thread.awaitTermination(longestRenewal.toMillis() + 100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
