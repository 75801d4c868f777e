package io.jakartaredis.limiter.redis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import io.jakartaredis.limiter.config.RedisConfig;
import redis.clients.jedis.CommandObject;

/**
 * Smart batching of the commands to one node, on the callers' own threads. At most
 * {@code maxInFlight} lanes carry batches at once, each on a connection of its own. A caller who
 * finds a lane free sends its command at once, alone, with no timer and no delay; the others
 * queue. A lane writes a batch, reads its replies in order and hands each to its caller; then
 * whatever queued meanwhile goes out on the same connection in one write, and the reading of it
 * passes to that batch's first caller still waiting, while the one who wrote it returns.
 *
 * <p>A batch is read by its first caller still waiting, whose deadline is the earliest left in
 * it: no caller waits for Redis longer than its own deadline, and each caller waiting in the
 * queue gives up at its deadline, never written.
 *
 * <p>A queued caller waits for about two round trips, the batch ahead of it and its own. When
 * Redis answers slowly it opens a lane of its own instead, up to {@code maxLanes}, and waits for
 * one round trip, as without pipelining: at once when recent round trips took more than a quarter
 * of the time it has, or when it is still queued after an eighth of that time.
 *
 * @param <C> the connection
 */
final class CommandBatches<C> {

    /** How a lane opens, writes, reads and gives back a connection. */
    interface Wire<C> {

        /**
         * A connection ready for a batch, nothing written to it yet.
         *
         * @throws RuntimeException when none can be had by {@code deadline}
         */
        C open(long deadline);

        /**
         * Writes every command of {@code batch}, in order, in one write.
         *
         * @throws RuntimeException when the connection failed: some commands may have been written
         */
        void write(C connection, List<QueuedCommand<?>> batch);

        /**
         * Reads the replies of {@code batch} in order, waiting at most until {@code deadline}, and
         * answers or fails every command of it; never throws.
         *
         * @return whether the connection can carry another batch
         */
        boolean read(C connection, List<QueuedCommand<?>> batch, long deadline);

        /** Gives {@code connection} back to its pool; {@code reusable} is false when replies may be left unread. */
        void giveBack(C connection, boolean reusable);
    }

    /** Most commands in one write; the connection gate lets as many callers through per pooled connection. */
    static final int MAX_BATCH = RedisConfig.PIPELINED_CALLS_PER_CONNECTION;

    /** Weight of the newest round trip in {@link #roundTripNanos}: a slow-down shows after a few batches. */
    private static final int ROUND_TRIP_SMOOTHING = 4;

    private final Wire<C> wire;
    private final int maxInFlight;
    private final int maxLanes;
    private final BatchSizes sizes;
    /** A moving average of the recent batches' round trips (a timeout counts as long as it waited); racy by design. */
    private volatile long roundTripNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<QueuedCommand<?>> waiting = new ArrayDeque<>(); // guarded by lock
    private int inFlight; // lanes carrying a batch; guarded by lock

    /**
     * @param maxInFlight lanes that a caller who finds one free takes at once
     * @param maxLanes    lanes at most, when Redis answers too slowly for callers to queue
     */
    CommandBatches(Wire<C> wire, int maxInFlight, int maxLanes, BatchSizes sizes) {
        this.wire = wire;
        this.maxInFlight = maxInFlight;
        this.maxLanes = Math.max(maxInFlight, maxLanes);
        this.sizes = sizes;
    }

    /**
     * Sends {@code command} in the next batch and returns its reply.
     *
     * @param deadline {@link System#nanoTime()} by which the caller must have its answer
     */
    <T> T send(CommandObject<T> command, long deadline) {
        QueuedCommand<T> queued = new QueuedCommand<>(command, deadline);
        boolean lead;
        lock.lock();
        try {
            lead = inFlight < maxInFlight || inFlight < maxLanes && roundTripNanos * 4 > deadline - System.nanoTime();
            if (lead) {
                inFlight++;
            } else {
                waiting.add(queued);
            }
        } finally {
            lock.unlock();
        }
        try {
            QueuedCommand.Turn turn = lead ? QueuedCommand.Turn.LEAD : queued.awaitTurn(() -> leadInstead(queued));
            if (turn == QueuedCommand.Turn.LEAD) {
                lead(queued);
            } else if (turn == QueuedCommand.Turn.READ) {
                read(queued);
            }
            return queued.result();
        } finally {
            if (queued.interruptedWhileWaiting()) {
                Thread.currentThread().interrupt(); // only now: socket I/O with the flag set would close the connection
            }
        }
    }

    /**
     * Whether {@code queued}, waiting behind a slow batch, left the queue to open one more lane. Only
     * the first caller still queued does: it takes those behind it into its batch.
     */
    private boolean leadInstead(QueuedCommand<?> queued) {
        lock.lock();
        try {
            while (!waiting.isEmpty() && !waiting.peekFirst().queued()) {
                waiting.pollFirst(); // gave up, or already taken or asked
            }
            if (inFlight >= maxLanes || waiting.peekFirst() != queued || !queued.leaveQueue()) {
                return false;
            }
            waiting.pollFirst();
            inFlight++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Opens a connection for a lane and sends {@code first} on it with whatever queued behind it. */
    private void lead(QueuedCommand<?> first) {
        first.takeToLead();
        if (expired(first)) {
            first.fail(notSent());
            passTheLead();
            return;
        }
        C connection;
        try {
            connection = wire.open(first.deadline);
        } catch (RuntimeException e) {
            first.fail(e); // nothing written
            passTheLead();
            return;
        } catch (Error e) {
            first.fail(new IllegalStateException(e));
            passTheLead();
            throw e;
        }
        List<QueuedCommand<?>> batch = new ArrayList<>();
        batch.add(first);
        runLane(connection, batch, first, false);
    }

    /** Reads the batch that was written for {@code reader}, which was asked to. */
    private void read(QueuedCommand<?> reader) {
        @SuppressWarnings("unchecked")
        C connection = (C) reader.connection();
        List<QueuedCommand<?>> batch = reader.batch();
        reader.startReading();
        runLane(connection, batch, reader, true);
    }

    /**
     * Carries the lane on {@code connection}: writes {@code batch} with whatever queued behind it
     * unless it was written, reads its replies, then writes whatever queued meanwhile and asks that
     * batch's first caller still waiting to read it. Otherwise, and whatever is thrown, every command
     * in hand is answered, the connection goes back (closed when replies may be left unread) and the
     * lane passes on.
     */
    private void runLane(C connection, List<QueuedCommand<?>> batch, QueuedCommand<?> reader, boolean written) {
        List<QueuedCommand<?>> inHand = batch;
        boolean reusable = true;
        boolean handedOn = false;
        try {
            if (!written) {
                if (expired(reader)) { // opening the connection took the time that was left
                    reader.fail(notSent());
                    return;
                }
                drainInto(inHand);
                commit(inHand); // its reader, this thread, is never given up on
                reusable = false;
                sizes.record(inHand.size());
                wire.write(connection, inHand);
            }
            reusable = false;
            long start = System.nanoTime();
            reusable = wire.read(connection, inHand, reader.deadline);
            roundTripNanos += (System.nanoTime() - start - roundTripNanos) / ROUND_TRIP_SMOOTHING;
            failUnanswered(inHand);
            if (!reusable) {
                return;
            }
            if (Thread.currentThread().isInterrupted()) {
                return; // interrupted during the read: its next write would close the socket on a virtual thread
            }
            List<QueuedCommand<?>> next = new ArrayList<>();
            inHand = next;
            drainInto(next);
            commit(next);
            if (next.isEmpty()) {
                return;
            }
            reusable = false;
            sizes.record(next.size());
            wire.write(connection, next);
            long writtenAt = System.nanoTime();
            for (QueuedCommand<?> candidate : next) {
                // One whose time ran out during the write would fail the batch at once: the next reads it.
                if (candidate.deadline - writtenAt > 0 && candidate.askToRead(connection, next)) {
                    handedOn = true; // the lane goes on with it
                    return;
                }
            }
            // Every caller of it gave up: its replies are never read, and the connection is closed.
        } catch (RuntimeException e) {
            reusable = false;
            inHand.forEach(queued -> queued.fail(e)); // may have been written: never sent again
        } catch (Error e) {
            reusable = false;
            IllegalStateException failure = new IllegalStateException(e);
            inHand.forEach(queued -> queued.fail(failure));
            throw e;
        } finally {
            if (!handedOn) {
                failUnanswered(inHand);
                giveBackAndPassTheLead(connection, reusable);
            }
        }
    }

    private static boolean expired(QueuedCommand<?> queued) {
        return queued.deadline - System.nanoTime() <= 0;
    }

    private static RuntimeException notSent() {
        return QueuedCommand.timeout("no time left of the timeout while waiting for a pipelined connection (not sent)");
    }

    /** Moves the callers still waiting, as many as fit, into {@code batch}, in the order they came. */
    private void drainInto(List<QueuedCommand<?>> batch) {
        long now = System.nanoTime();
        lock.lock();
        try {
            for (QueuedCommand<?> next; batch.size() < MAX_BATCH && (next = waiting.poll()) != null; ) {
                // One whose deadline passed is left to its caller, who is giving up: it is never written.
                if (next.deadline - now > 0 && next.take()) {
                    batch.add(next);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Commits {@code batch} to the wire, leaving out the commands whose callers gave up: they are never written. */
    static void commit(List<QueuedCommand<?>> batch) {
        batch.removeIf(queued -> !queued.commit());
    }

    private void giveBackAndPassTheLead(C connection, boolean reusable) {
        try {
            wire.giveBack(connection, reusable);
        } finally {
            passTheLead();
        }
    }

    /** Asks the first caller still waiting to open a lane of its own, or frees the lane. */
    private void passTheLead() {
        lock.lock();
        try {
            for (QueuedCommand<?> next; (next = waiting.poll()) != null; ) {
                if (next.askToLead()) {
                    return; // its lane takes this place
                }
            }
            inFlight--;
        } finally {
            lock.unlock();
        }
    }

    private static void failUnanswered(List<QueuedCommand<?>> batch) {
        for (QueuedCommand<?> queued : batch) {
            if (!queued.done()) {
                queued.fail(new IllegalStateException("the batch was sent but this command got no answer"));
            }
        }
    }
}
