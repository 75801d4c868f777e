package io.jakartaredis.limiter.redis;

import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import redis.clients.jedis.CommandObject;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * One command waiting for its turn in a pipelined batch, and the hand-over of its answer. Its
 * state moves once, by compare-and-set, from waiting to taken (into a batch) or to asked to lead
 * (the next batch), and from taken to answered or given up: whichever of the sender and the
 * waiting caller gets there first decides, so the caller gets exactly one answer.
 */
final class QueuedCommand<T> {

    private static final int QUEUED = 0;
    private static final int LEAD = 1;
    private static final int TAKEN = 2;
    private static final int ANSWERING = 3;
    private static final int ANSWERED = 4;
    private static final int GAVE_UP = 5;

    final CommandObject<T> command;
    /** {@link System#nanoTime()} by which the caller must have its answer. */
    final long deadline;
    private final Thread caller = Thread.currentThread();
    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private T reply;
    private RuntimeException failure;

    QueuedCommand(CommandObject<T> command, long deadline) {
        this.command = command;
        this.deadline = deadline;
    }

    /** From the queue into the batch about to be written; {@code false} when its caller gave up or leads. */
    boolean take() {
        return state.compareAndSet(QUEUED, TAKEN);
    }

    /** Into the batch that its own caller sends: never queued, or asked to lead. */
    void takeToLead() {
        if (!state.compareAndSet(QUEUED, TAKEN) && !state.compareAndSet(LEAD, TAKEN)) {
            throw new IllegalStateException("a command can lead only its own caller's batch");
        }
    }

    /** Asks its caller to send the next batch; {@code false} when it gave up waiting first. */
    boolean askToLead() {
        if (state.compareAndSet(QUEUED, LEAD)) {
            LockSupport.unpark(caller);
            return true;
        }
        return false;
    }

    /** Hands {@code value} to the caller, unless it has an answer or gave up. */
    void answer(T value) {
        if (state.compareAndSet(TAKEN, ANSWERING)) {
            reply = value; // published by the volatile write below
            answered();
        }
    }

    /** Hands {@code cause} to the caller, unless it has an answer or gave up. */
    void fail(RuntimeException cause) {
        if (state.compareAndSet(TAKEN, ANSWERING)) {
            failure = cause;
            answered();
        }
    }

    private void answered() {
        state.set(ANSWERED);
        LockSupport.unpark(caller);
    }

    /** Whether it has an answer, or its caller gave up waiting for one. */
    boolean done() {
        return state.get() >= ANSWERING;
    }

    /**
     * Waits until it is answered or asked to lead, at most until its deadline; interrupts are held
     * back until then (the flag is restored), as a limiter must decide an interrupted call as any other.
     *
     * @return {@code true} when asked to lead, {@code false} when answered
     * @throws JedisConnectionException a timeout when the deadline passed first: before the command
     *                                  was written, or after, with no answer
     */
    boolean awaitTurn() {
        boolean interrupted = false;
        try {
            while (true) {
                int now = state.get();
                if (now == ANSWERED) {
                    return false;
                }
                if (now == LEAD) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    if (state.compareAndSet(QUEUED, GAVE_UP)) {
                        throw timeout("no time left of the timeout while waiting for a pipelined connection (not sent)");
                    }
                    if (state.compareAndSet(TAKEN, GAVE_UP)) {
                        throw timeout("no reply within the timeout (sent in a pipelined batch)");
                    }
                    Thread.onSpinWait(); // being answered, or asked to lead, right now
                    continue;
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Its answer once {@link #awaitTurn()} saw it: the reply, or the failure thrown. */
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
