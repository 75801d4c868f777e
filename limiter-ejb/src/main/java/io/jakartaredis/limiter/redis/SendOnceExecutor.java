package io.jakartaredis.limiter.redis;

import java.net.SocketTimeoutException;

import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.executors.CommandExecutor;
import redis.clients.jedis.exceptions.JedisAskDataException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.exceptions.JedisRedirectionException;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.providers.ConnectionProvider;
import redis.clients.jedis.util.Pool;

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
 * the node that answered. Every other failure is the caller's to handle: a timeout, a reset or an
 * end of stream after the command was written may come after Redis ran it.
 *
 * <p>The one failure that is retried is found before the command is written: a connection that has
 * been idle ({@link IdleConnections}) is first asked for a {@code PING}; when that finds it closed
 * by the server, the pool's idle connections, as old, are discarded and the command goes on a fresh
 * one. A {@code PING} that times out is not retried: the decision waits for one timeout at most.
 *
 * <p>A connection failure on a cluster renews the slot map in the background ({@link SlotMapRenewal}),
 * where Jedis' executor renews it before resending.
 *
 * <p>On a cluster, keyless commands take no tokens and go to Jedis' own executor, retries and all:
 * {@code SCRIPT LOAD} must reach every master, the keyless health-check script any node.
 */
final class SendOnceExecutor implements CommandExecutor {

    /** A {@code MOVED} after a reshard, then an {@code ASK} while the slot is still migrating. */
    static final int MAX_REDIRECTS = 2;

    private final ConnectionProvider provider;
    private final CommandExecutor keyless; // null: every command is sent here
    private final SlotMapRenewal slotMapRenewal; // null unless a cluster
    private final IdleConnections idle = new IdleConnections();

    private SendOnceExecutor(ConnectionProvider provider, CommandExecutor keyless, SlotMapRenewal slotMapRenewal) {
        this.provider = provider;
        this.keyless = keyless;
        this.slotMapRenewal = slotMapRenewal;
    }

    /** Every command of a standalone or Sentinel client, through its provider. */
    static SendOnceExecutor over(ConnectionProvider provider) {
        return new SendOnceExecutor(provider, null, null);
    }

    /**
     * @param provider the cluster's connections; redirects are followed through it
     * @param keyless  Jedis' executor over the same provider, for keyless and broadcast commands
     */
    static SendOnceExecutor overCluster(ClusterConnectionProvider provider, CommandExecutor keyless) {
        return new SendOnceExecutor(provider, keyless, new SlotMapRenewal(provider));
    }

    @Override
    public <T> T executeCommand(CommandObject<T> command) {
        if (keyless != null && command.getArguments().isKeyless()) {
            return keyless.executeCommand(command);
        }
        try {
            return sendOnce(command);
        } catch (JedisConnectionException e) {
            if (slotMapRenewal != null) {
                slotMapRenewal.request(); // the slot's master may be gone: find its successor for the next decision
            }
            throw e;
        }
    }

    private <T> T sendOnce(CommandObject<T> command) {
        JedisRedirectionException redirect = null;
        for (int redirects = 0; ; redirects++) {
            Connection connection = openConnection(command, redirect);
            try {
                if (redirect instanceof JedisAskDataException) {
                    connection.executeCommand(Protocol.Command.ASKING);
                }
                T reply = connection.executeCommand(command);
                idle.answered(connection);
                return reply;
            } catch (JedisRedirectionException e) {
                idle.answered(connection);
                if (redirects == MAX_REDIRECTS) {
                    throw e;
                }
                if (e instanceof JedisMovedDataException) {
                    cluster(e).renewSlotCache(connection);
                }
                redirect = e;
            } catch (JedisDataException e) {
                idle.answered(connection);
                throw e;
            } finally {
                connection.close();
            }
        }
    }

    /** A connection that answers, or a fresh one; nothing of the command is written to either yet. */
    private Connection openConnection(CommandObject<?> command, JedisRedirectionException redirect) {
        Connection connection = borrow(command, redirect);
        if (!idle.mayBeClosed(connection) || answersPing(connection)) {
            return connection;
        }
        discardIdleConnections();
        return borrow(command, redirect);
    }

    private Connection borrow(CommandObject<?> command, JedisRedirectionException redirect) {
        return redirect == null
                ? provider.getConnection(command.getArguments())
                : cluster(redirect).getConnection(redirect.getTargetNode());
    }

    /** {@code false} when the server had closed it; a timeout or an error reply is thrown. */
    private boolean answersPing(Connection connection) {
        try {
            connection.executeCommand(Protocol.Command.PING);
            idle.answered(connection);
            return true;
        } catch (JedisConnectionException e) {
            connection.close();
            if (isTimeout(e)) {
                throw e;
            }
            return false;
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private void discardIdleConnections() {
        provider.getConnectionMap().values().forEach(pool -> ((Pool<?>) pool).clear());
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
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
        if (slotMapRenewal != null) {
            slotMapRenewal.close();
        }
        if (keyless != null) {
            keyless.close(); // closes the provider too
        } else {
            provider.close();
        }
    }
}
