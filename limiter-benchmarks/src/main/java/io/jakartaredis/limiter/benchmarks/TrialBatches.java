package io.jakartaredis.limiter.benchmarks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import io.jakartaredis.limiter.redis.BatchSizes;

/**
 * The pipelined writes of one trial ({@link BatchSizes} at its end): how many, how many commands
 * they carried, and how many writes fell in each range of sizes. No writes: nothing was pipelined.
 *
 * @param writes       pipelined writes, i.e. batches sent
 * @param commands     commands in them
 * @param writesBySize writes per range of sizes, smallest first ({@code 1}, {@code 2}, {@code 3-4}, …)
 */
record TrialBatches(long writes, long commands, Map<String, Long> writesBySize) {

    private static final String PREFIX = "batch.";

    TrialBatches {
        writesBySize = Collections.unmodifiableMap(new LinkedHashMap<>(writesBySize));
    }

    static TrialBatches of(BatchSizes sizes) {
        return new TrialBatches(sizes.batches(), sizes.commands(), sizes.distribution());
    }

    /** Commands per write on average; 0 when nothing was pipelined. */
    double meanCommandsPerWrite() {
        return writes == 0 ? 0 : commands / (double) writes;
    }

    /** The share of writes in {@code range}, 0 to 1. */
    double shareOfWrites(String range) {
        return writes == 0 ? 0 : writesBySize.getOrDefault(range, 0L) / (double) writes;
    }

    /** As properties {@code batch.writes}, {@code batch.commands} and {@code batch.size.<range>}, ranges in order. */
    void writeTo(Properties properties) {
        properties.setProperty(PREFIX + "writes", Long.toString(writes));
        properties.setProperty(PREFIX + "commands", Long.toString(commands));
        properties.setProperty(PREFIX + "ranges", String.join(",", writesBySize.keySet()));
        writesBySize.forEach((range, count) -> properties.setProperty(PREFIX + "size." + range, Long.toString(count)));
    }

    static TrialBatches readFrom(Properties properties) {
        Map<String, Long> bySize = new LinkedHashMap<>();
        String ranges = properties.getProperty(PREFIX + "ranges", "");
        for (String range : ranges.isEmpty() ? new String[0] : ranges.split(",")) {
            bySize.put(range, Long.parseLong(properties.getProperty(PREFIX + "size." + range)));
        }
        return new TrialBatches(Long.parseLong(properties.getProperty(PREFIX + "writes")),
                Long.parseLong(properties.getProperty(PREFIX + "commands")), bySize);
    }
}
