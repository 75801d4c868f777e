package io.jakartaredis.limiter.demo.load;

import java.net.URI;
import java.util.List;

import io.jakartaredis.limiter.demo.cluster.PayaraNode;

/**
 * One kind of request the load run measures: which node and path, what it shows and the only
 * status every measured answer may have.
 */
record LoadCase(String name, String what, PayaraNode node, String path, int expectedStatus) {

    /** The three cases: no rule, generous limit (the pair compared) and an exhausted limit. */
    static List<LoadCase> of(LoadNodes nodes) {
        return List.of(
                new LoadCase("no rule", "`GET /api/hello`; rule `hello` applies to POST only", nodes.bare(), "/api/hello", 200),
                new LoadCase("generous limit", "`GET /api/hello`; rule `hello`: 100000000/1h per client address",
                        nodes.limited(), "/api/hello", 200),
                new LoadCase("exhausted limit", "`GET /api/quote`; rule `spent`: 1/1h, one global bucket, spent",
                        nodes.limited(), "/api/quote", 429));
    }

    URI uri() {
        return URI.create(node.baseUrl() + path);
    }
}
