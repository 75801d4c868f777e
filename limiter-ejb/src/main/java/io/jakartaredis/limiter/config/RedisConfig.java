package io.jakartaredis.limiter.config;

import java.time.Duration;

/**
 * How to reach Redis. {@link #toString()} never shows the password.
 *
 * @param host        host name or address
 * @param port        TCP port
 * @param database    logical database number (standalone Redis only)
 * @param user        ACL user name, or {@code null} for the default user
 * @param password    password, or {@code null} when Redis requires none
 * @param tls         whether to connect with TLS ({@code rediss://})
 * @param timeout     connect and socket timeout
 * @param poolMaxTotal most pooled connections
 * @param poolMaxWait longest wait for a pooled connection when all are busy
 */
public record RedisConfig(String host, int port, int database, String user, String password, boolean tls,
                          Duration timeout, int poolMaxTotal, Duration poolMaxWait) {

    @Override
    public String toString() {
        return (tls ? "rediss://" : "redis://") + (user == null ? "" : user + "@") + host + ":" + port + "/" + database
                + " (password " + (password == null ? "none" : "set") + ", timeout " + Durations.format(timeout)
                + ", pool " + poolMaxTotal + ", pool wait " + Durations.format(poolMaxWait) + ")";
    }
}
