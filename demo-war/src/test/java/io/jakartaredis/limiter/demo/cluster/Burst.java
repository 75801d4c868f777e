package io.jakartaredis.limiter.demo.cluster;

import java.util.List;

/**
 * A burst of GET requests from one client, sent one after the other to each node in turn, and
 * the limit that the whole burst must meet if the nodes share it.
 *
 * @param path      the request path, e.g. {@code /api/hello}
 * @param headers   request headers as name, value, name, value, …
 * @param client    how the limiter tells this client apart, for the table's title
 * @param policy    the policy and its limit, for the table's title
 * @param requests  how many requests the burst sends in all
 * @param capacity  how many of them one shared limit admits
 */
record Burst(String path, List<String> headers, String client, String policy, int requests, int capacity) {

    /** Sends the burst to the nodes on the given ports, in turn, and counts the answers per node. */
    BurstResult fireAt(List<Integer> ports, DemoHttp http) {
        BurstResult result = new BurstResult(this, ports);
        String[] headerArray = headers.toArray(String[]::new);
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            int port = ports.get(i % ports.size());
            result.count(port, http.get(port, path, headerArray).status());
        }
        result.tookNanos(System.nanoTime() - start);
        return result;
    }

    String title() {
        return "GET " + path + " x" + requests + ", " + client + ", nodes in turn (" + policy + ")";
    }
}
