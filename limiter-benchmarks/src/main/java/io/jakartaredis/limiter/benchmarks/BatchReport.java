package io.jakartaredis.limiter.benchmarks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The report's table of pipelined writes: per pipelined scenario and thread count, how many
 * commands one write carried on average and which share of the writes fell in each range of sizes.
 */
final class BatchReport {

    private BatchReport() {
    }

    static void render(StringBuilder md, List<ScenarioResult> results) {
        List<ScenarioResult> pipelined = results.stream().filter(r -> r.scenario().pipelining()).toList();
        if (pipelined.isEmpty()) {
            return;
        }
        Set<String> ranges = rangesUsed(pipelined);
        md.append("## Pipelined writes\n\n")
                .append("How many commands each write to Redis carried (`BatchSizes` of the limiter's executor, over the whole ")
                .append("trial, warm-up included). A caller who finds no batch ahead of it on the wire sends its command alone ")
                .append("(size 1); the others queue and go out together in the next write. Unpipelined scenarios write one ")
                .append("command per round trip. Columns `1`, `2`, `3-4`, …: the share of writes that carried that many commands.\n\n")
                .append("| scenario | threads | writes | commands per write |");
        ranges.forEach(range -> md.append(' ').append(range).append(" |"));
        md.append("\n|---|---:|---:|---:|");
        ranges.forEach(range -> md.append("---:|"));
        md.append('\n');
        for (ScenarioResult r : pipelined) {
            TrialBatches batches = r.costs().batches();
            md.append("| ").append(r.scenario().label()).append(" | ").append(r.threads())
                    .append(" | ").append(format("%,d", batches.writes()))
                    .append(" | ").append(format("%.2f", batches.meanCommandsPerWrite())).append(" |");
            ranges.forEach(range -> md.append(' ').append(format("%.1f %%", 100 * batches.shareOfWrites(range))).append(" |"));
            md.append('\n');
        }
        md.append('\n');
    }

    /** The ranges of sizes that any trial wrote, smallest first: the table skips sizes nobody reached. */
    private static Set<String> rangesUsed(List<ScenarioResult> pipelined) {
        Set<String> used = new LinkedHashSet<>();
        for (String range : pipelined.get(0).costs().batches().writesBySize().keySet()) {
            if (pipelined.stream().anyMatch(r -> r.costs().batches().writesBySize().getOrDefault(range, 0L) > 0)) {
                used.add(range);
            }
        }
        return used;
    }

    private static String format(String pattern, Object value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
