package io.jakartaredis.limiter.demo.load;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The requests of one case, from one or more measured stretches: how many, over how much wall
 * time, the latency of each (nanoseconds, sorted) and how many got each HTTP status ({@code 0}
 * counts requests that failed without an answer). Immutable; {@link #plus} adds another stretch.
 */
record Measurement(long elapsedNanos, long[] latenciesNanos, Map<Integer, Long> statuses) {

    /** The status under which requests that got no answer at all are counted. */
    static final int NO_ANSWER = 0;

    Measurement {
        latenciesNanos = latenciesNanos.clone();
        Arrays.sort(latenciesNanos);
        statuses = Map.copyOf(statuses);
    }

    static Measurement empty() {
        return new Measurement(0, new long[0], Map.of());
    }

    long requests() {
        return latenciesNanos.length;
    }

    /** Requests per second of wall time, over all stretches. */
    double throughputPerSecond() {
        return elapsedNanos == 0 ? 0 : requests() * 1e9 / elapsedNanos;
    }

    /** The latency at quantile {@code q} (0 < q ≤ 1) by nearest rank, in milliseconds. */
    double latencyMillis(double q) {
        if (latenciesNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * latenciesNanos.length);
        return latenciesNanos[Math.max(rank, 1) - 1] / 1e6;
    }

    /** Whether every request got the given status. */
    boolean allAnswered(int status) {
        return requests() > 0 && statuses.getOrDefault(status, 0L) == requests();
    }

    /** The stretches of both, as if measured one after the other. */
    Measurement plus(Measurement other) {
        long[] latencies = Arrays.copyOf(latenciesNanos, latenciesNanos.length + other.latenciesNanos.length);
        System.arraycopy(other.latenciesNanos, 0, latencies, latenciesNanos.length, other.latenciesNanos.length);
        Map<Integer, Long> counts = new TreeMap<>(statuses);
        other.statuses.forEach((status, count) -> counts.merge(status, count, Long::sum));
        return new Measurement(elapsedNanos + other.elapsedNanos, latencies, counts);
    }

    /** The statuses in order, e.g. {@code 200 × 51234}. */
    String describeStatuses() {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(statuses).forEach((status, count) -> text.append(text.isEmpty() ? "" : ", ")
                .append(status == NO_ANSWER ? "no answer" : status).append(" × ").append(count));
        return text.toString();
    }
}
