package io.jakartaredis.limiter.redis;

import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.executors.CommandExecutor;
import redis.clients.jedis.exceptions.JedisAskDataException;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.exceptions.JedisRedirectionException;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.providers.ConnectionProvider;

/**
 * Sends each keyed command at most once, in every topology: a script that takes tokens must never
 * run twice for one decision, nor wait for more than one timeout.
 *
 * <p>Jedis' cluster executor sends a command again after any connection failure, a socket
 * timeout included (up to its max attempts, renewing the slot map in between, which can itself wait
 * for a frozen node). Its max attempts also bound the redirects, so setting them to 1 would stop
 * following {@code MOVED} and {@code ASK}. The builder's {@code commandExecutor} is Jedis' own way to
 * change that; this one resends only after a reply that proves Redis did not run the command: a
 * redirect, followed at most {@link #MAX_REDIRECTS} times, {@code MOVED} renewing the slot map from
 * the node that answered. Every other failure is the caller's to handle.
 *
 * <p>Keyless commands take no tokens: {@code SCRIPT LOAD} must reach every master of a cluster, and
 * the keyless health-check script any node. They go to Jedis' own executor, retries and all.
 */
final class SendOnceExecutor implements CommandExecutor {

    /** A {@code MOVED} after a reshard, then an {@code ASK} while the slot is still migrating. */
    static final int MAX_REDIRECTS = 2;

    private final ConnectionProvider provider;
    private final CommandExecutor keyless;

    /**
     * @param provider the connections of the client; for a cluster, redirects are followed through it
     * @param keyless  Jedis' executor over the same provider, for keyless and broadcast commands
     */
    SendOnceExecutor(ConnectionProvider provider, CommandExecutor keyless) {
        this.provider = provider;
        this.keyless = keyless;
    }

    @Override
    public <T> T executeCommand(CommandObject<T> command) {
        if (command.getArguments().isKeyless()) {
            return keyless.executeCommand(command);
        }
        JedisRedirectionException redirect = null;
        for (int redirects = 0; ; redirects++) {
            Connection connection = redirect == null
                    ? provider.getConnection(command.getArguments())
                    : cluster(redirect).getConnection(redirect.getTargetNode());
            try {
                if (redirect instanceof JedisAskDataException) {
                    connection.executeCommand(Protocol.Command.ASKING);
                }
                return connection.executeCommand(command);
            } catch (JedisRedirectionException e) {
                if (redirects == MAX_REDIRECTS) {
                    throw e;
                }
                if (e instanceof JedisMovedDataException) {
                    cluster(e).renewSlotCache(connection);
                }
                redirect = e;
            } finally {
                connection.close();
            }
        }
    }

    /** Only a cluster redirects; a standalone or Sentinel master that does is misconfigured. */
    private ClusterConnectionProvider cluster(JedisRedirectionException redirect) {
        if (provider instanceof ClusterConnectionProvider cluster) {
            return cluster;
        }
        throw redirect;
    }

    @Override
    public void close() throws Exception {
        keyless.close();
    }
}
