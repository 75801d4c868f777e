package io.jakartaredis.limiter.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Redis. {@link #toString()} and {@link #endpoint()} never show a password or a user name.
 *
 * @param host         host name or address of a standalone server
 * @param port         TCP port of a standalone server
 * @param database     logical database number (standalone Redis only; 0 with Sentinel and Cluster)
 * @param user         ACL user name, or {@code null} for the default user
 * @param password     password, or {@code null} when Redis requires none
 * @param tls          whether to connect with TLS ({@code rediss://} or {@code limiter.redis.tls.enabled})
 * @param timeout      connect and socket timeout
 * @param poolMaxTotal most pooled connections (per master with Cluster)
 * @param poolMaxWait  longest wait for a pooled connection when all are busy
 * @param topology     standalone, Sentinel or Cluster
 * @param tlsTrust     the certificate authorities that TLS trusts
 * @param pipelining   whether concurrent commands to one node share a connection as one pipeline
 */
public record RedisConfig(String host, int port, int database, String user, String password, boolean tls,
                          Duration timeout, int poolMaxTotal, Duration poolMaxWait, RedisTopology topology,
                          TlsTrust tlsTrust, boolean pipelining) {

    public RedisConfig {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(tlsTrust, "tlsTrust");
    }

    /** A standalone server, trusting the JVM's certificate authorities when TLS is on. */
    public RedisConfig(String host, int port, int database, String user, String password, boolean tls,
                       Duration timeout, int poolMaxTotal, Duration poolMaxWait) {
        this(host, port, database, user, password, tls, timeout, poolMaxTotal, poolMaxWait,
                new RedisTopology.Standalone(), TlsTrust.JVM_DEFAULT, RedisConfigReader.DEFAULT_PIPELINING);
    }

    /** Most commands that one pipelined write carries. */
    public static final int PIPELINED_CALLS_PER_CONNECTION = 256;

    /**
     * Calls that may wait for Redis at once, the connection gate's size: one per pooled connection;
     * pipelined, as many as full batches on every connection, since calls share connections.
     */
    public int callsAtOnce() {
        return pipelining ? (int) Math.min(Integer.MAX_VALUE, (long) poolMaxTotal * PIPELINED_CALLS_PER_CONNECTION)
                : poolMaxTotal;
    }

    /** This configuration with pipelining on or off. */
    public RedisConfig withPipelining(boolean on) {
        return new RedisConfig(host, port, database, user, password, tls, timeout, poolMaxTotal, poolMaxWait, topology,
                tlsTrust, on);
    }

    /** Where Redis is, for messages and health output: {@code host:port/db}, the Sentinels or the Cluster seeds. */
    public String endpoint() {
        return topology instanceof RedisTopology.Standalone ? new RedisNode(host, port) + "/" + database : topology.toString();
    }

    /**
     * The startup log's description; the pool's settings under the names of their properties
     * ({@code limiter.redis.pool.max-total}, {@code .max-wait}), so the log reads like the reference.
     */
    @Override
    public String toString() {
        String where = topology instanceof RedisTopology.Standalone
                ? (tls ? "rediss://" : "redis://") + new RedisNode(host, port) + "/" + database
                : topology + (tls ? ", TLS" : "");
        return where + " (" + (user == null ? "" : "user set, ") + "password " + (password == null ? "none" : "set") + ", timeout " + Durations.format(timeout)
                + ", pool max-total " + poolMaxTotal + ", max-wait " + Durations.format(poolMaxWait)
                + (tls ? ", trusting the " + tlsTrust : "") + (pipelining ? ", pipelining on" : "") + ")";
    }
}
