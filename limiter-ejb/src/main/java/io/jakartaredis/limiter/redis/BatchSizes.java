package io.jakartaredis.limiter.redis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many commands each pipelined write carried, counted in power-of-two ranges (1, 2, 3–4, 5–8,
 * …, 129 and more). Recording is lock-free: it runs once per batch on the thread that sent it.
 */
public final class BatchSizes {

    private static final int RANGES = 9;

    private final LongAdder[] batches = new LongAdder[RANGES];
    private final LongAdder commands = new LongAdder();

    public BatchSizes() {
        for (int i = 0; i < RANGES; i++) {
            batches[i] = new LongAdder();
        }
    }

    /** Counts one batch of {@code size} commands, {@code size ≥ 1}. */
    void record(int size) {
        batches[Math.min(RANGES - 1, 32 - Integer.numberOfLeadingZeros(size - 1))].increment();
        commands.add(size);
    }

    /** Batches written so far. */
    public long batches() {
        long sum = 0;
        for (LongAdder range : batches) {
            sum += range.sum();
        }
        return sum;
    }

    /** Commands written in them. */
    public long commands() {
        return commands.sum();
    }

    /** Commands per batch on average; 0 before the first. */
    public double mean() {
        long written = batches();
        return written == 0 ? 0 : commands() / (double) written;
    }

    /** Batches per range of sizes, smallest first, labelled {@code 1}, {@code 2}, {@code 3-4}, … {@code 129+}. */
    public Map<String, Long> distribution() {
        Map<String, Long> ranges = new LinkedHashMap<>();
        for (int i = 0; i < RANGES; i++) {
            ranges.put(label(i), batches[i].sum());
        }
        return ranges;
    }

    private static String label(int range) {
        if (range == RANGES - 1) {
            return ((1 << (range - 1)) + 1) + "+";
        }
        int high = 1 << range;
        int low = range == 0 ? 1 : (high >> 1) + 1;
        return low == high ? Integer.toString(high) : low + "-" + high;
    }
}
