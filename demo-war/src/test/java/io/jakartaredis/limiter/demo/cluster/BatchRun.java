package io.jakartaredis.limiter.demo.cluster;

import java.io.PrintStream;
import java.util.List;

/**
 * The batch mode: bursts from one client at both nodes in turn, one table per burst. The
 * capacities are the demo's own limits (microprofile-config.properties and {@code QuoteService}).
 */
final class BatchRun {

    private static final List<Burst> BURSTS = List.of(
            new Burst("/api/hello", List.of(), "one client address", "servlet filter, policy per-ip: 10 per 60 s", 30, 10),
            new Burst("/api/quote", List.of("X-Api-Key", "batch-demo"), "X-Api-Key: batch-demo",
                    "EJB, policy per-api-key: 5 per minute", 15, 5));

    private BatchRun() {
    }

    /** Fires every burst, prints its table, and tells whether every one showed one shared limit. */
    static boolean showsOneSharedLimit(List<Integer> ports, DemoHttp http, PrintStream out) {
        boolean allShared = true;
        for (Burst burst : BURSTS) {
            BurstResult result = burst.fireAt(ports, http);
            out.println();
            result.print(out);
            allShared &= result.showsOneSharedLimit();
        }
        out.println();
        out.println(allShared ? "Both nodes shared one limit in every burst."
                : "The nodes did NOT share one limit: see the tables above and the node logs.");
        return allShared;
    }
}
