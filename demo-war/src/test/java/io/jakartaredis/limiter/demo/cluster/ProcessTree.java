package io.jakartaredis.limiter.demo.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops a child process together with every process it started, so that none is left orphaned. */
final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * Asks the process and its descendants to terminate (SIGTERM: a JVM runs its shutdown hooks),
     * waits up to {@code grace}, then kills whatever is still alive.
     */
    static void stop(Process process, Duration grace) {
        // Taken before the parent dies: afterwards its children are re-parented and out of reach.
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(0, process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : tree) {
            if (!awaitExit(handle, deadline - System.nanoTime())) {
                handle.destroyForcibly();
                awaitExit(handle, Duration.ofSeconds(5).toNanos());
            }
        }
    }

    private static boolean awaitExit(ProcessHandle handle, long nanos) {
        try {
            handle.onExit().get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}
