package io.jakartaredis.limiter.demo.cluster;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answers to one {@link Burst}, counted per node, and whether they show one shared limit. */
final class BurstResult {

    /** Answers of one node: admitted (200), rejected (429) and anything else. */
    private static final class Counts {
        int admitted;
        int rejected;
        int other;
    }

    private final Burst burst;
    private final Map<Integer, Counts> byPort = new LinkedHashMap<>();
    private long tookNanos;

    BurstResult(Burst burst, List<Integer> ports) {
        this.burst = burst;
        ports.forEach(port -> byPort.put(port, new Counts()));
    }

    void count(int port, int status) {
        Counts counts = byPort.get(port);
        switch (status) {
            case 200 -> counts.admitted++;
            case 429 -> counts.rejected++;
            default -> counts.other++;
        }
    }

    void tookNanos(long nanos) {
        tookNanos = nanos;
    }

    /**
     * One limit for all nodes: exactly its capacity admitted in all, every other request rejected,
     * and every node rejecting while it had itself admitted less than the capacity, which a limit
     * of its own would never do.
     */
    boolean showsOneSharedLimit() {
        int admitted = byPort.values().stream().mapToInt(c -> c.admitted).sum();
        int rejected = byPort.values().stream().mapToInt(c -> c.rejected).sum();
        boolean everyNodeRejectedBelowCapacity = byPort.values().stream()
                .allMatch(c -> c.rejected > 0 && c.admitted < burst.capacity());
        return admitted == burst.capacity() && rejected == burst.requests() - burst.capacity()
                && everyNodeRejectedBelowCapacity;
    }

    void print(PrintStream out) {
        boolean anyOther = byPort.values().stream().anyMatch(c -> c.other > 0);
        out.println(burst.title());
        out.println(row("node", "200s", "429s", anyOther ? "other" : ""));
        Counts total = new Counts();
        byPort.forEach((port, c) -> {
            out.println(row("node-" + port, c.admitted, c.rejected, anyOther ? c.other : ""));
            total.admitted += c.admitted;
            total.rejected += c.rejected;
            total.other += c.other;
        });
        out.println(row("total", total.admitted, total.rejected, anyOther ? total.other : ""));
        out.printf("  expected %d and %d for one shared limit: %s (%d ms)%n", burst.capacity(),
                burst.requests() - burst.capacity(), showsOneSharedLimit() ? "OK" : "FAILED", tookNanos / 1_000_000);
    }

    private static String row(Object node, Object admitted, Object rejected, Object other) {
        return String.format("  %-10s %6s %6s %6s", node, admitted, rejected, other).stripTrailing();
    }
}
