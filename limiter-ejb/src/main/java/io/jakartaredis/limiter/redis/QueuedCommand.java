package io.jakartaredis.limiter.redis;

import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import redis.clients.jedis.CommandObject;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * One command waiting for its turn in a pipelined batch, and the hand-over of its answer. Its
 * state moves by compare-and-set: from queued to taken (into a batch) or to asked to lead (open a
 * lane); from taken to written (committed to the wire, just before the write); from written to asked
 * to read (its batch's replies) or to answered. A caller gives up from any waiting state. Whichever
 * of the lane and the waiting caller gets there first decides, so the caller gets exactly one answer,
 * and a command whose caller gave up before it was written is never written.
 */
final class QueuedCommand<T> {

    /** What a waiting caller is woken for. */
    enum Turn {
        /** Its answer is there. */
        ANSWERED,
        /** It opens a lane and sends its command with whatever queued behind it. */
        LEAD,
        /** Its batch was written: it reads the replies. */
        READ
    }

    private static final int QUEUED = 0;
    private static final int LEAD = 1;
    private static final int TAKEN = 2;
    private static final int WRITTEN = 3;
    private static final int READ = 4;
    private static final int ANSWERING = 5;
    private static final int ANSWERED = 6;
    private static final int GAVE_UP = 7;

    /**
     * Still queued after this part of the time it had, a caller opens a lane of its own: the batch
     * ahead of it is slow, and one more round trip must still fit. Batches of a Redis that answers in
     * time are out for microseconds to a few milliseconds, far less.
     */
    private static final int LEAD_INSTEAD_AFTER = 8;

    final CommandObject<T> command;
    /** {@link System#nanoTime()} by which the caller must have its answer. */
    final long deadline;
    private final Thread caller = Thread.currentThread();
    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private T reply;
    private RuntimeException failure;
    private Object connection; // with READ: where its batch was written
    private List<QueuedCommand<?>> batch; // with READ
    private boolean interruptedWhileWaiting; // its caller's own

    QueuedCommand(CommandObject<T> command, long deadline) {
        this.command = command;
        this.deadline = deadline;
    }

    /** From the queue into a batch about to be written; {@code false} when its caller gave up first. */
    boolean take() {
        return state.compareAndSet(QUEUED, TAKEN);
    }

    /** Into the batch that its own caller writes: never queued, or asked to lead. */
    void takeToLead() {
        if (!state.compareAndSet(QUEUED, TAKEN) && !state.compareAndSet(LEAD, TAKEN)) {
            throw new IllegalStateException("only its own caller leads a command's batch");
        }
    }

    /**
     * Commits it to the wire, immediately before its batch is written; {@code false} when its caller
     * gave up first: it must not be written. From now on its caller, giving up, knows it was sent.
     */
    boolean commit() {
        return state.compareAndSet(TAKEN, WRITTEN);
    }

    /**
     * Takes it back after a {@code NOSCRIPT} reply, which proves it did not run, to be committed again
     * before it is resent; {@code false} when its caller gave up first.
     */
    boolean uncommit() {
        return state.compareAndSet(WRITTEN, TAKEN);
    }

    /** Asks its caller to open a lane; {@code false} when it gave up first. */
    boolean askToLead() {
        if (state.compareAndSet(QUEUED, LEAD)) {
            LockSupport.unpark(caller);
            return true;
        }
        return false;
    }

    boolean queued() {
        return state.get() == QUEUED;
    }

    /** Its own caller leaves the queue to open a lane; {@code false} when it was taken or asked first. */
    boolean leaveQueue() {
        return state.compareAndSet(QUEUED, LEAD);
    }

    /** Asks its caller to read the replies of {@code written}, its batch; {@code false} when it gave up first. */
    boolean askToRead(Object written, List<QueuedCommand<?>> writtenBatch) {
        connection = written; // published by the compare-and-set
        batch = writtenBatch;
        if (state.compareAndSet(WRITTEN, READ)) {
            LockSupport.unpark(caller);
            return true;
        }
        return false;
    }

    /** Its caller, asked to read, reads: its own reply is answered as the others'. */
    void startReading() {
        if (!state.compareAndSet(READ, WRITTEN)) {
            throw new IllegalStateException("only a caller asked to read reads");
        }
    }

    Object connection() {
        return connection;
    }

    List<QueuedCommand<?>> batch() {
        return batch;
    }

    /** Hands {@code value}, its reply, to the caller, unless it has an answer or gave up. */
    void answer(T value) {
        if (state.compareAndSet(WRITTEN, ANSWERING)) {
            reply = value; // published by the volatile write below
            answered();
        }
    }

    /** Hands {@code cause} to the caller, unless it has an answer or gave up. */
    void fail(RuntimeException cause) {
        if (state.compareAndSet(WRITTEN, ANSWERING) || state.compareAndSet(TAKEN, ANSWERING)) {
            failure = cause;
            answered();
        }
    }

    private void answered() {
        state.set(ANSWERED);
        if (caller != Thread.currentThread()) {
            LockSupport.unpark(caller);
        }
    }

    /** Whether it has an answer, or its caller gave up waiting for one. */
    boolean done() {
        return state.get() >= ANSWERING;
    }

    /**
     * Waits until it is answered, asked to lead or asked to read, at most until its deadline;
     * interrupts are held back (see {@link #interruptedWhileWaiting()}), as a limiter must decide an
     * interrupted call as any other, and a caller that goes on to do a batch's socket I/O must not
     * carry the flag into it. Still queued after an eighth of the time it had, it asks
     * {@code leadInstead} whether it may open a lane of its own (the batch ahead of it is slow), and
     * again after each further eighth.
     *
     * @param leadInstead {@code true} when it may, having left the queue by {@link #leaveQueue()}
     * @throws JedisConnectionException a timeout when the deadline passed first: before the command
     *                                  was written, or after, with no answer
     */
    Turn awaitTurn(BooleanSupplier leadInstead) {
        long queuedAt = System.nanoTime();
        long patience = Math.max(1, (deadline - queuedAt) / LEAD_INSTEAD_AFTER);
        long askAt = queuedAt + patience;
        try {
            while (true) {
                switch (state.get()) {
                    case ANSWERED:
                        return Turn.ANSWERED;
                    case LEAD:
                        return Turn.LEAD;
                    case READ:
                        return Turn.READ;
                    default:
                        break;
                }
                long now = System.nanoTime();
                long left = deadline - now;
                if (now - askAt >= 0) {
                    if (state.get() == QUEUED && leadInstead.getAsBoolean()) {
                        return Turn.LEAD;
                    }
                    askAt = now + patience;
                }
                if (left <= 0) {
                    if (state.compareAndSet(QUEUED, GAVE_UP)) {
                        throw timeout("no time left of the timeout while waiting for a pipelined connection (not sent)");
                    }
                    if (state.compareAndSet(TAKEN, GAVE_UP)) {
                        throw timeout("no time left of the timeout before its command was written (not run)"); // or resent after NOSCRIPT
                    }
                    if (state.compareAndSet(WRITTEN, GAVE_UP)) {
                        throw timeout("no reply within the timeout (sent in a pipelined batch)");
                    }
                    Thread.onSpinWait(); // being answered, or asked to lead or read, right now
                    continue;
                }
                LockSupport.parkNanos(this, Math.min(left, askAt - now));
                if (Thread.interrupted()) {
                    interruptedWhileWaiting = true;
                }
            }
        } catch (RuntimeException e) {
            if (interruptedWhileWaiting) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
    }

    /** Whether its caller was interrupted while it waited: the flag is restored once the call is done. */
    boolean interruptedWhileWaiting() {
        return interruptedWhileWaiting;
    }

    /** Its answer, once it has one: the reply, or the failure thrown. */
    T result() {
        if (failure != null) {
            throw failure;
        }
        return reply;
    }

    static JedisConnectionException timeout(String message) {
        return new JedisConnectionException(message, new SocketTimeoutException(message));
    }
}
