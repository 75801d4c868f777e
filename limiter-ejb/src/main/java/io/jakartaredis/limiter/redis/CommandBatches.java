package io.jakartaredis.limiter.redis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import redis.clients.jedis.CommandObject;

/**
 * Smart batching of the commands to one node, on the callers' own threads: at most
 * {@code maxInFlight} batches are on the wire at once; a caller who finds one of them free sends
 * its command at once, alone, with no timer and no delay; the others queue, and when a batch has
 * been answered its sender asks the first caller still waiting to send everything queued meanwhile
 * as the next batch, in one write. Every caller waits at most until its own deadline.
 *
 * <p>The caller who sends a batch is the one who queued first: its deadline is the earliest of
 * the batch, which therefore waits for Redis no longer than that caller may.
 */
final class CommandBatches {

    /** What sends one batch, in order, and answers or fails each of its commands. */
    @FunctionalInterface
    interface Sender {
        void send(List<QueuedCommand<?>> batch);
    }

    /**
     * Most commands in one write: the connection gate lets no more callers through than the pool has
     * connections, so this bounds only a pool configured larger.
     */
    static final int MAX_BATCH = 256;

    private final Sender sender;
    private final int maxInFlight;
    private final BatchSizes sizes;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<QueuedCommand<?>> waiting = new ArrayDeque<>(); // guarded by lock
    private int inFlight; // guarded by lock

    CommandBatches(Sender sender, int maxInFlight, BatchSizes sizes) {
        this.sender = sender;
        this.maxInFlight = maxInFlight;
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
            lead = inFlight < maxInFlight;
            if (lead) {
                inFlight++;
            } else {
                waiting.add(queued);
            }
        } finally {
            lock.unlock();
        }
        if (!lead && !queued.awaitTurn()) {
            return queued.result();
        }
        try {
            if (deadline - System.nanoTime() <= 0) {
                throw QueuedCommand.timeout("no time left of the timeout while waiting for a pipelined connection (not sent)");
            }
            sendBatchLedBy(queued);
        } finally {
            passTheLead();
        }
        return queued.result();
    }

    /** Sends {@code first} and whatever is queued behind it, in order. */
    private void sendBatchLedBy(QueuedCommand<?> first) {
        List<QueuedCommand<?>> batch = new ArrayList<>();
        first.takeToLead();
        batch.add(first);
        lock.lock();
        try {
            for (QueuedCommand<?> next; batch.size() < MAX_BATCH && (next = waiting.poll()) != null; ) {
                if (next.take()) {
                    batch.add(next);
                }
            }
        } finally {
            lock.unlock();
        }
        sizes.record(batch.size());
        try {
            sender.send(batch);
        } catch (RuntimeException | Error e) {
            RuntimeException failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            batch.forEach(queued -> queued.fail(failure)); // answered ones keep their answer
            throw e;
        }
        for (QueuedCommand<?> queued : batch) {
            if (!queued.done()) { // a sender's bug must not leave a caller waiting for its deadline
                queued.fail(new IllegalStateException("the batch was sent but this command got no answer"));
            }
        }
    }

    /** Asks the first caller still waiting to send the next batch, or frees the batch's place. */
    private void passTheLead() {
        lock.lock();
        try {
            for (QueuedCommand<?> next; (next = waiting.poll()) != null; ) {
                if (next.askToLead()) {
                    return; // its batch takes this place
                }
            }
            inFlight--;
        } finally {
            lock.unlock();
        }
    }
}
