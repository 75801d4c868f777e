package io.jakartaredis.limiter.redis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

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

    /**
     * Most commands in one write: the connection gate lets no more callers through than the pool has
     * connections, so this bounds only a pool configured larger.
     */
    static final int MAX_BATCH = 256;

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
        QueuedCommand.Turn turn = lead ? QueuedCommand.Turn.LEAD : queued.awaitTurn(() -> leadInstead(queued));
        if (turn == QueuedCommand.Turn.LEAD) {
            lead(queued);
        } else if (turn == QueuedCommand.Turn.READ) {
            read(queued);
        }
        return queued.result();
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
        if (first.deadline - System.nanoTime() <= 0) {
            first.fail(QueuedCommand.timeout("no time left of the timeout while waiting for a pipelined connection (not sent)"));
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
        drainInto(batch);
        if (write(connection, batch)) {
            readAndCarryOn(connection, batch, first);
        }
    }

    /** Reads the batch that was written for {@code reader}, which was asked to. */
    private void read(QueuedCommand<?> reader) {
        @SuppressWarnings("unchecked")
        C connection = (C) reader.connection();
        List<QueuedCommand<?>> batch = reader.batch();
        reader.startReading();
        readAndCarryOn(connection, batch, reader);
    }

    /**
     * Reads the batch's replies, then writes whatever queued meanwhile on the same connection and
     * asks its first caller still waiting to read it; or gives the connection back and passes the lane on.
     */
    private void readAndCarryOn(C connection, List<QueuedCommand<?>> batch, QueuedCommand<?> reader) {
        boolean reusable = false;
        long start = System.nanoTime();
        try {
            reusable = wire.read(connection, batch, reader.deadline);
        } catch (Error e) {
            IllegalStateException failure = new IllegalStateException(e);
            batch.forEach(queued -> queued.fail(failure));
            throw e;
        } finally {
            long roundTrip = System.nanoTime() - start;
            roundTripNanos += (roundTrip - roundTripNanos) / ROUND_TRIP_SMOOTHING;
            failUnanswered(batch); // a wire's bug must not leave a caller waiting for its deadline
            if (!reusable) {
                giveBackAndPassTheLead(connection, false);
            }
        }
        if (!reusable) {
            return;
        }
        List<QueuedCommand<?>> next = new ArrayList<>();
        drainInto(next);
        if (next.isEmpty()) {
            giveBackAndPassTheLead(connection, true);
            return;
        }
        if (!write(connection, next)) {
            return;
        }
        for (QueuedCommand<?> candidate : next) {
            if (candidate.askToRead(connection, next)) {
                return; // the lane goes on with it
            }
        }
        giveBackAndPassTheLead(connection, false); // every caller of it gave up: its replies are never read
    }

    /** Writes {@code batch}; on a failure fails it, gives the connection back and passes the lane on. */
    private boolean write(C connection, List<QueuedCommand<?>> batch) {
        sizes.record(batch.size());
        try {
            wire.write(connection, batch);
            return true;
        } catch (RuntimeException | Error e) {
            RuntimeException failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            batch.forEach(queued -> queued.fail(failure)); // may have been written: never sent again
            giveBackAndPassTheLead(connection, false);
            if (e instanceof Error error) {
                throw error;
            }
            return false;
        }
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
