package io.jakartaredis.limiter.redis;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import redis.clients.jedis.providers.ClusterConnectionProvider;

/**
 * Renews a cluster's slot map on a background thread after a connection failure, so that the new
 * owner of a lost master's slots is found without a decision waiting for it: renewing asks the seed
 * nodes in turn, and a frozen one would hold its caller for a timeout. Requests made while one
 * renewal runs and another waits are dropped: that one will see the same cluster.
 */
final class SlotMapRenewal implements AutoCloseable {

    private final ClusterConnectionProvider provider;
    private final ThreadPoolExecutor thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1), runnable -> {
                Thread renewing = new Thread(runnable, "limiter-cluster-slot-map");
                renewing.setDaemon(true);
                return renewing;
            }, new ThreadPoolExecutor.DiscardPolicy());

    SlotMapRenewal(ClusterConnectionProvider provider) {
        this.provider = provider;
    }

    /** Renews the slot map soon, unless a renewal is already waiting. */
    void request() {
        thread.execute(provider::renewSlotCache);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
