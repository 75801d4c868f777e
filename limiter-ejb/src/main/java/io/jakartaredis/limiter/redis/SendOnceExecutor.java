package io.jakartaredis.limiter.redis;

import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.args.Rawable;
import redis.clients.jedis.executors.CommandExecutor;
import redis.clients.jedis.exceptions.JedisAskDataException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.exceptions.JedisRedirectionException;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.providers.ConnectionProvider;
import redis.clients.jedis.providers.SentineledConnectionProvider;
import redis.clients.jedis.util.Pool;

/**
 * Sends each keyed command at most once, in every topology, and within one timeout in all: a
 * script that takes tokens must never run twice for one decision, nor wait for more than one timeout.
 *
 * <p>Jedis' cluster executor sends a command again after any connection failure, a socket
 * timeout included (up to its max attempts, renewing the slot map in between, which can itself wait
 * for a frozen node). Its max attempts also bound the redirects, so setting them to 1 would stop
 * following {@code MOVED} and {@code ASK}. The builder's {@code commandExecutor} is Jedis' own way to
 * change that; this one resends only after a reply that proves Redis did not run the command: a
 * redirect, followed at most {@link #MAX_REDIRECTS} times straight to the node it names, and
 * {@code NOSCRIPT}, after which the script is loaded on the connection that answered (the node that
 * will run it, also while its slot migrates) and sent once more. Every other failure is the caller's
 * to handle: a timeout, a reset or an end of stream after the command was written may come after
 * Redis ran it.
 *
 * <p>The one failure that is retried is found before the command is written: a connection that has
 * been idle ({@link IdleConnections}) is first asked for a {@code PING}; when that finds it closed
 * by the server, its node's idle connections, as old, are discarded and the command goes on another.
 *
 * <p>Every round trip of one command (a {@code PING}, {@code ASKING}, {@code SCRIPT LOAD}, the
 * command itself, once per redirect) shares one deadline, the timeout from the start: each waits
 * for at most what is left of it, and a command with nothing left fails as a timeout.
 *
 * <p>On a cluster, a connection failure or {@code MOVED} renews the slot map in the background
 * ({@link SlotMapRenewal}), where Jedis' executor renews it on the caller's thread.
 *
 * <p>On a cluster, keyless commands take no tokens and go to Jedis' own executor, retries and all:
 * {@code SCRIPT LOAD} must reach every master, the keyless health-check script any node.
 *
 * <p>With pipelining, scripts ({@code EVALSHA}, {@code EVALSHA_RO}) to one master share its lanes
 * ({@link CommandBatches}): concurrent ones go out in one write on one connection, replies read in
 * order, under the same rules: one deadline, {@code NOSCRIPT} loads the script once and resends
 * only the commands it failed, a redirect is followed for its command alone as above, and nothing
 * else is ever sent again.
 */
final class SendOnceExecutor implements CommandExecutor {

    /** A {@code MOVED} after a reshard, then an {@code ASK} while the slot is still migrating. */
    static final int MAX_REDIRECTS = 2;

    private static final CommandObject<String> ASKING = new CommandObject<>(new CommandArguments(Protocol.Command.ASKING),
            BuilderFactory.STRING);
    private static final CommandObject<String> PING = new CommandObject<>(new CommandArguments(Protocol.Command.PING),
            BuilderFactory.STRING);

    /** A fresh connection in place of one found closed, and one more should that come back idle and closed too. */
    private static final int MAX_CONNECTION_CHECKS = 3;

    /**
     * Lanes per node that a caller finding one free takes at once, each carrying one batch at a
     * time. Fewer keep more commands per write (fewer system calls per command on both sides); more
     * let Redis run some batches while the client hands out the replies of others and writes the
     * next. Measured on 2 cores in alternating rounds, 4 lanes decided a median 1.07x as many as 2
     * at 8 threads (0.86-1.26 per round), 1.14x at 16 and 1.07x at 32, and 1.15-1.28x as many as 8.
     */
    static final int BATCHES_IN_FLIGHT = 4;

    private final ConnectionProvider provider;
    private final CommandExecutor keyless; // null: every command is sent here
    private final SlotMapRenewal slotMapRenewal; // null unless a cluster
    private final long timeoutNanos;
    private final int timeoutMillis;
    private final ScriptSources scripts;
    private final IdleConnections idle;
    private final BrokenConnections broken;
    private final boolean pipelining;
    private final int maxLanes;
    private final int batchesInFlight;
    private final BatchSizes batchSizes = new BatchSizes();
    private final CommandBatches<Connection> standaloneBatches; // null on a cluster
    private final Map<HostAndPort, CommandBatches<Connection>> nodeBatches = new ConcurrentHashMap<>(); // a cluster's, per master

    private SendOnceExecutor(ConnectionProvider provider, CommandExecutor keyless, SlotMapRenewal slotMapRenewal,
                             Duration timeout, ScriptSources scripts, int poolMaxTotal, boolean pipelining) {
        this.provider = provider;
        this.pipelining = pipelining;
        this.maxLanes = poolMaxTotal;
        this.batchesInFlight = Math.min(BATCHES_IN_FLIGHT, poolMaxTotal); // a lane holds a connection of the pool
        this.standaloneBatches = provider instanceof ClusterConnectionProvider ? null
                : new CommandBatches<>(new PipelinedWire(provider::getConnection), batchesInFlight, maxLanes, batchSizes);
        this.keyless = keyless;
        this.slotMapRenewal = slotMapRenewal;
        this.timeoutNanos = timeout.toNanos();
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
        this.scripts = scripts;
        this.broken = new BrokenConnections(timeout.multipliedBy(2));
        // Only without Jedis' own executor does every borrow pass here, so that unseen means new.
        this.idle = new IdleConnections(keyless == null);
    }

    /** Every command of a standalone or Sentinel client, through its provider. */
    static SendOnceExecutor over(ConnectionProvider provider, Duration timeout, ScriptSources scripts, int poolMaxTotal,
                                 boolean pipelining) {
        return new SendOnceExecutor(provider, null, null, timeout, scripts, poolMaxTotal, pipelining);
    }

    /**
     * @param provider the cluster's connections; redirects are followed through it
     * @param keyless  Jedis' executor over the same provider, for keyless and broadcast commands
     * @param seeds    how many seed nodes a slot map renewal may ask in turn, each for a timeout
     */
    static SendOnceExecutor overCluster(ClusterConnectionProvider provider, CommandExecutor keyless, Duration timeout,
                                        int seeds, ScriptSources scripts, int poolMaxTotal, boolean pipelining) {
        return new SendOnceExecutor(provider, keyless, new SlotMapRenewal(provider, timeout.multipliedBy(seeds)),
                timeout, scripts, poolMaxTotal, pipelining);
    }

    /** How many commands each pipelined write carried. */
    BatchSizes batchSizes() {
        return batchSizes;
    }

    @Override
    public <T> T executeCommand(CommandObject<T> command) {
        if (keyless != null && command.getArguments().isKeyless()) {
            return keyless.executeCommand(command);
        }
        // A virtual thread's socket I/O with its interrupt flag set closes the socket (JDK 21+): its
        // connection, and every other caller's command in a batch it sends or reads. Held back here
        // and restored, as an interrupted caller must be limited as any other.
        boolean interrupted = Thread.interrupted();
        try {
            return sendOnce(command, System.nanoTime() + timeoutNanos);
        } catch (JedisConnectionException e) {
            if (slotMapRenewal != null) {
                slotMapRenewal.request(); // the slot's master may be gone: find its successor for the next decision
            }
            throw e;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private <T> T sendOnce(CommandObject<T> command, long deadline) {
        CommandBatches<Connection> batches = batchesFor(command);
        if (batches == null) {
            return followingRedirects(command, null, deadline);
        }
        try {
            return batches.send(command, deadline);
        } catch (JedisRedirectionException e) {
            if (!(e instanceof JedisAskDataException) && slotMapRenewal != null) {
                slotMapRenewal.request();
            }
            return followingRedirects(command, e, deadline);
        }
    }

    /** Sends {@code command} on a connection of its own, straight to the node of {@code redirect} when there is one. */
    private <T> T followingRedirects(CommandObject<T> command, JedisRedirectionException redirect, long deadline) {
        for (int redirects = redirect == null ? 0 : 1; ; redirects++) {
            JedisRedirectionException target = redirect;
            Connection connection = openConnection(() -> borrow(command, target), deadline);
            try {
                if (redirect instanceof JedisAskDataException) {
                    send(connection, ASKING, deadline);
                }
                return sendLoadingScriptOnce(connection, command, redirect instanceof JedisAskDataException, deadline);
            } catch (JedisRedirectionException e) {
                if (redirects == MAX_REDIRECTS) {
                    throw e;
                }
                if (!(e instanceof JedisAskDataException) && slotMapRenewal != null) {
                    slotMapRenewal.request(); // the redirect is followed now; the map is for the next decisions
                }
                redirect = e;
            } catch (JedisConnectionException e) {
                if (!RedisFailure.isTimeout(e)) {
                    discardIdleConnections(connection); // closed or reset: its idle siblings are likely dead too
                }
                throw e;
            } finally {
                broken.close(connection);
            }
        }
    }

    /**
     * Where scripts are pipelined: the one batching of a standalone or Sentinel master, or that of the
     * cluster master serving the command's slot as the slot map says; {@code null} for a command sent
     * on a connection of its own (anything but a script, or a slot the map does not know).
     */
    private CommandBatches<Connection> batchesFor(CommandObject<?> command) {
        if (!pipelining || !isScript(command)) {
            return null;
        }
        if (standaloneBatches != null) {
            return standaloneBatches;
        }
        Set<Integer> slots = command.getArguments().getKeyHashSlots();
        HostAndPort node = slots.size() == 1 ? cluster().getNode(slots.iterator().next()) : null;
        return node == null ? null : nodeBatches.computeIfAbsent(node, master -> new CommandBatches<>(
                new PipelinedWire(() -> cluster().getConnection(master)), batchesInFlight, maxLanes, batchSizes));
    }

    /**
     * A lane's connections: borrowed and checked as any other, the batch written in one write, its
     * replies read in order within the deadline of its first caller still waiting. Commands
     * answered {@code NOSCRIPT} did not run: their scripts are loaded once each, and only they are
     * sent again. A timeout or a broken connection fails every command not yet answered, and the
     * connection is closed with its replies unread: none is sent again.
     */
    private final class PipelinedWire implements CommandBatches.Wire<Connection> {

        private final Supplier<Connection> borrow;

        PipelinedWire(Supplier<Connection> borrow) {
            this.borrow = borrow;
        }

        @Override
        public Connection open(long deadline) {
            return openConnection(borrow, deadline);
        }

        @Override
        public void write(Connection connection, List<QueuedCommand<?>> batch) {
            try {
                for (QueuedCommand<?> queued : batch) {
                    connection.sendCommand(queued.command.getArguments()); // buffered
                }
                connection.getMany(0); // flushes: one write, no reply read
            } catch (RuntimeException e) {
                connection.setBroken();
                throw e;
            }
        }

        @Override
        public boolean read(Connection connection, List<QueuedCommand<?>> batch, long deadline) {
            try {
                List<QueuedCommand<?>> notLoaded = readReplies(connection, batch, deadline);
                if (!notLoaded.isEmpty()) {
                    notLoaded.removeIf(queued -> !queued.uncommit()); // their callers gave up: never sent again
                }
                if (!notLoaded.isEmpty()) {
                    loadScripts(connection, notLoaded, deadline);
                    CommandBatches.commit(notLoaded); // leaves out those who gave up while the scripts loaded
                    write(connection, notLoaded);
                    readReplies(connection, notLoaded, deadline).forEach(queued -> queued.fail(
                            new JedisNoScriptException("NOSCRIPT again right after SCRIPT LOAD")));
                }
                return stillTheMaster(connection);
            } catch (RuntimeException e) {
                connection.setBroken(); // replies may be left unread: never to be read by another command
                if (e instanceof JedisConnectionException && !RedisFailure.isTimeout(e)
                        && !Thread.currentThread().isInterrupted()) { // an interrupt closed it, not the server
                    discardIdleConnections(connection); // closed or reset: its idle siblings are likely dead too
                }
                batch.forEach(queued -> queued.fail(e)); // unanswered, may have run (or NOSCRIPT, not resent): never sent again
                return false;
            }
        }

        @Override
        public void giveBack(Connection connection, boolean reusable) {
            try {
                if (reusable) {
                    connection.setSoTimeout(timeoutMillis);
                } else {
                    connection.setBroken();
                }
            } catch (RuntimeException e) {
                connection.setBroken(); // its socket failed: destroyed, and the callers keep their answers
            }
            try {
                broken.close(connection);
            } catch (RuntimeException e) {
                // The pool refused it back; the callers keep their answers, and the pool makes a new one when needed.
            }
        }
    }

    /**
     * Whether a lane may carry its next batch on {@code connection}: after a Sentinel failover the
     * next batch goes to the new master, as the next borrowed connection would.
     */
    private boolean stillTheMaster(Connection connection) {
        return !(provider instanceof SentineledConnectionProvider sentinel)
                || connection.getHostAndPort().equals(sentinel.getCurrentMaster());
    }

    /** Each reply in order; those answered {@code NOSCRIPT} for a known script are returned, unanswered. */
    private List<QueuedCommand<?>> readReplies(Connection connection, List<QueuedCommand<?>> batch, long deadline) {
        List<QueuedCommand<?>> notLoaded = List.of();
        for (QueuedCommand<?> queued : batch) {
            connection.setSoTimeout(remainingMillis(deadline));
            Object reply;
            try {
                reply = connection.getOne();
            } catch (JedisNoScriptException e) {
                if (scripts.source(sha1Of(queued.command)) == null) {
                    queued.fail(e);
                } else {
                    notLoaded = notLoaded.isEmpty() ? new ArrayList<>() : notLoaded;
                    notLoaded.add(queued);
                }
                continue;
            } catch (JedisDataException e) {
                queued.fail(e); // an error reply: the stream stays aligned
                continue;
            }
            answer(queued, reply);
        }
        idle.answered(connection);
        return notLoaded;
    }

    private static <T> void answer(QueuedCommand<T> queued, Object reply) {
        T built;
        try {
            built = queued.command.getBuilder().build(reply);
        } catch (RuntimeException e) {
            queued.fail(e);
            return;
        }
        queued.answer(built);
    }

    /** {@code SCRIPT LOAD} once per script among {@code commands}. */
    private void loadScripts(Connection connection, List<QueuedCommand<?>> commands, long deadline) {
        Set<String> sha1s = new LinkedHashSet<>();
        commands.forEach(queued -> sha1s.add(sha1Of(queued.command)));
        for (String sha1 : sha1s) {
            send(connection, scriptLoad(scripts.source(sha1)), deadline);
        }
    }

    private static CommandObject<String> scriptLoad(String source) {
        return new CommandObject<>(new CommandArguments(Protocol.Command.SCRIPT).add(Protocol.Keyword.LOAD).add(source),
                BuilderFactory.STRING);
    }

    /**
     * {@code NOSCRIPT} proves the script did not run: it is loaded on this connection and sent once
     * more, after {@code ASKING} again when the slot is being imported here.
     */
    private <T> T sendLoadingScriptOnce(Connection connection, CommandObject<T> command, boolean asking, long deadline) {
        try {
            return send(connection, command, deadline);
        } catch (JedisNoScriptException e) {
            String source = scripts.source(sha1Of(command));
            if (source == null) {
                throw e;
            }
            send(connection, scriptLoad(source), deadline);
            if (asking) {
                send(connection, ASKING, deadline);
            }
            return send(connection, command, deadline);
        }
    }

    /** One round trip that waits for at most what is left until {@code deadline}; an error reply counts as an answer. */
    private <T> T send(Connection connection, CommandObject<T> command, long deadline) {
        int configured = connection.getSoTimeout();
        connection.setSoTimeout(remainingMillis(deadline));
        try {
            T reply = connection.executeCommand(command);
            idle.answered(connection);
            return reply;
        } catch (JedisDataException e) {
            idle.answered(connection);
            throw e;
        } finally {
            if (!connection.isBroken()) {
                connection.setSoTimeout(configured);
            }
        }
    }

    /** What is left until {@code deadline}, at least 1 ms (0 would wait forever); a timeout when nothing is. */
    private static int remainingMillis(long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new JedisConnectionException("no time left of the timeout for this command",
                    new SocketTimeoutException("timeout spent"));
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Duration.ofNanos(remaining).toMillis()));
    }

    /** A connection that answers, or a fresh one; nothing of the command is written to either yet. */
    private Connection openConnection(Supplier<Connection> borrow, long deadline) {
        for (int check = 1; ; check++) {
            Connection connection = borrow.get();
            if (!idle.mayBeClosed(connection) || answersPing(connection, deadline)) {
                return connection;
            }
            discardIdleConnections(connection);
            if (check == MAX_CONNECTION_CHECKS) {
                throw new JedisConnectionException("every pooled connection to " + connection.getHostAndPort()
                        + " was closed by the server");
            }
        }
    }

    private Connection borrow(CommandObject<?> command, JedisRedirectionException redirect) {
        return redirect == null
                ? provider.getConnection(command.getArguments())
                : cluster(redirect).getConnection(redirect.getTargetNode());
    }

    /** {@code false} when the server had closed it; a timeout or an error reply is thrown. */
    private boolean answersPing(Connection connection, long deadline) {
        try {
            send(connection, PING, deadline);
            return true;
        } catch (JedisConnectionException e) {
            broken.close(connection);
            if (RedisFailure.isTimeout(e)) {
                throw e;
            }
            return false;
        } catch (RuntimeException | Error e) {
            broken.close(connection);
            throw e;
        }
    }

    /** The idle connections of the node that {@code connection} went to: as old as it, they are likely closed too. */
    private void discardIdleConnections(Connection connection) {
        if (provider instanceof ClusterConnectionProvider cluster) {
            HostAndPort node = connection.getHostAndPort();
            Object pool = node == null ? null : cluster.getConnectionMap().get(node.toString());
            if (pool != null) {
                ((Pool<?>) pool).clear();
            }
        } else {
            provider.getConnectionMap().values().forEach(pool -> ((Pool<?>) pool).clear()); // one node's
        }
    }

    /** Whether {@code command} is an {@code EVALSHA} or {@code EVALSHA_RO}. */
    private static boolean isScript(CommandObject<?> command) {
        Iterator<Rawable> arguments = command.getArguments().iterator();
        Rawable name = arguments.hasNext() ? arguments.next() : null;
        return name == Protocol.Command.EVALSHA || name == Protocol.Command.EVALSHA_RO;
    }

    /** The SHA1 of an {@code EVALSHA} or {@code EVALSHA_RO}, its first argument; {@code null} for any other command. */
    private static String sha1Of(CommandObject<?> command) {
        Iterator<Rawable> arguments = command.getArguments().iterator();
        if (!arguments.hasNext()) {
            return null;
        }
        Rawable name = arguments.next();
        if (name != Protocol.Command.EVALSHA && name != Protocol.Command.EVALSHA_RO || !arguments.hasNext()) {
            return null;
        }
        return new String(arguments.next().getRaw(), StandardCharsets.UTF_8);
    }

    private ClusterConnectionProvider cluster() {
        return (ClusterConnectionProvider) provider;
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
            slotMapRenewal.close(); // waits for a renewal in flight, which would make pools again
        }
        broken.close();
        if (keyless != null) {
            keyless.close(); // closes the provider too
        } else {
            provider.close();
        }
    }
}
