package io.jakartaredis.limiter.resilience;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets at most as many calls reach the connection pool as it has connections, and makes every
 * other call wait at most a short, fixed time. The pool itself then never blocks: a decision
 * waits for a connection here (bounded), then for Redis (bounded by the socket timeout), and a
 * full pool is not mistaken for a failing Redis.
 */
public final class ConnectionGate {

    private final Semaphore connections;
    private final long waitNanos;

    /**
     * @param connections the pool's most connections
     * @param wait        longest wait for one of them
     */
    public ConnectionGate(int connections, Duration wait) {
        this.connections = new Semaphore(connections);
        this.waitNanos = wait.toNanos();
    }

    /**
     * Takes a connection's turn, waiting at most the configured time; {@code false} when none came
     * free. The wait ignores interrupts (the flag is restored after it): an interrupted thread must
     * be limited as any other, and its interrupt is no Redis failure.
     */
    public boolean tryEnter() {
        if (connections.tryAcquire()) {
            return true;
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + waitNanos;
        try {
            for (long left = waitNanos; left > 0; left = deadline - System.nanoTime()) {
                try {
                    return connections.tryAcquire(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return connections.tryAcquire();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Gives back the turn taken by a successful {@link #tryEnter()}. */
    public void leave() {
        connections.release();
    }

    public Duration waitTime() {
        return Duration.ofNanos(waitNanos);
    }
}
