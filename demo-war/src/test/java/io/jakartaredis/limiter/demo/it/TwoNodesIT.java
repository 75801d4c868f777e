package io.jakartaredis.limiter.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.demo.cluster.PayaraNode;
import io.jakartaredis.limiter.demo.cluster.PayaraNodeSettings;
import io.jakartaredis.limiter.testkit.RedisServer;
import redis.clients.jedis.Jedis;

/**
 * Two Payara Micro nodes (separate JVMs, clustering off) with the demo WAR share one exact limit
 * through one real Redis: 400 concurrent requests from 32 threads, spread over both nodes, admit
 * exactly the capacity. One node pipelines its Redis commands, the other does not, as while a
 * rolling deployment turns {@code limiter.redis.pipelining} on.
 */
class TwoNodesIT {

    private static final int REQUESTS = 400;
    private static final int THREADS = 32;
    private static final int CAPACITY = 100;

    private static RedisServer redis;
    private static final List<PayaraNode> NODES = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static ExecutorService clients;

    /** One request's outcome: status and Retry-After, if any. */
    private record Outcome(int status, long retryAfter, String rateLimit) {
    }

    @BeforeAll
    static void startTwoNodes() {
        redis = RedisServer.start();
        for (int i = 0; i < 2; i++) {
            int port = RedisServer.freePort();
            NODES.add(PayaraNode.start(settings(port, i == 0)));
        }
        NODES.forEach(node -> node.awaitReady(Duration.ofSeconds(180)));
        clients = Executors.newFixedThreadPool(THREADS);
    }

    private static PayaraNodeSettings settings(int port, boolean pipelining) {
        Path target = Path.of(System.getProperty("demo.war")).getParent();
        return PayaraNodeSettings.of(Path.of(System.getProperty("payara.microJar")), Path.of(System.getProperty("demo.war")),
                        port, target.resolve("two-nodes-" + port))
                .withPrebootCommands(Path.of(System.getProperty("payara.preboot")))
                .withJvmOptions(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"))
                .withSystemProperty("demo.node", "node-" + port)
                .withSystemProperty("limiter.redis.url", redis.url())
                .withSystemProperty("limiter.redis.pipelining", Boolean.toString(pipelining))
                // Exactness is the claim here, not the failure policy: 32 concurrent requests get a
                // connection each, and a Redis call that fails answers 503 instead of admitting.
                .withSystemProperty("limiter.redis.pool.max-total", String.valueOf(THREADS + 8))
                .withSystemProperty("limiter.redis.pool.max-wait", "5s")
                .withSystemProperty("limiter.redis.timeout", "5s")
                .withSystemProperty("limiter.on-failure", "closed")
                .withSystemProperty("limiter.policy.per-ip.limits", CAPACITY + "/1h")
                .withSystemProperty("limiter.web.rules.hello.key", "header:X-Client")
                .withSystemProperty("limiter.policy.per-api-key.limits", CAPACITY + "/1h")
                .withSystemProperty("limiter.policy.search.limits", CAPACITY + "/1h, 1000/1d")
                .withSystemProperty("limiter.policy.search.key", "header:X-Client")
                .withSystemProperty("limiter.policy.global-status.limits", "10/10s");
    }

    @AfterAll
    static void stopEverything() {
        if (clients != null) {
            clients.shutdownNow();
        }
        NODES.forEach(PayaraNode::close);
        if (redis != null) {
            redis.close();
        }
    }

    @RepeatedTest(3)
    void filterAdmitsExactlyTheCapacityAcrossBothNodes(RepetitionInfo repetition) throws Exception {
        List<Outcome> outcomes = burst("/api/hello", "X-Client", "filter-client-" + repetition.getCurrentRepetition());
        assertExactlyCapacityAdmitted(outcomes);
    }

    @RepeatedTest(3)
    void ejbAdmitsExactlyTheCapacityAcrossBothNodes(RepetitionInfo repetition) throws Exception {
        List<Outcome> outcomes = burst("/api/quote", "X-Api-Key", "ejb-key-" + repetition.getCurrentRepetition());
        assertExactlyCapacityAdmitted(outcomes);
    }

    @Test
    void twoLimitPolicyRejectsOnTheTighterAndTakesNothingOnARejection() throws Exception {
        List<Outcome> outcomes = burst("/api/search?q=x", "X-Client", "two-limits");
        assertExactlyCapacityAdmitted(outcomes);
        assertTrue(outcomes.stream().filter(o -> o.status() == 429).allMatch(o -> o.rateLimit().startsWith("\"search-1\";r=0;")),
                "the hourly limit rejects");
        try (Jedis jedis = redis.admin()) {
            String key = "rate_limit:search:hdr:two-limits";
            assertEquals(0, RedisClock.wholeTokens(jedis, key, CAPACITY, 3_600_000), "hourly limit empty");
            assertEquals(900, RedisClock.wholeTokens(jedis, key, 1000, 86_400_000),
                    "the daily limit lost exactly the 100 admitted, nothing for the 300 rejected");
        }
    }

    @Test
    void afterTheBurstEachRefillIntervalAdmitsExactlyOneMoreOnEitherNode() throws Exception {
        List<Outcome> drained = burst("/api/status", "X-Client", "unused");
        assertTrue(drained.stream().anyMatch(o -> o.status() == 429), "the global bucket is empty");
        int intervals = 3;
        RedisClock.awaitTokens(redis, "rate_limit:global-status:global", intervals, 10, 10_000);
        // One token a second, and the Redis clock is half a token past the third: these few
        // requests have half a second before a fourth could refill.
        int admitted = 0;
        for (int i = 0; i < 2 * intervals + 4; i++) {
            admitted += send(NODES.get(i % 2), "/api/status", "X-Client", "unused").status() == 200 ? 1 : 0;
        }
        assertEquals(intervals, admitted, "three refill intervals, three tokens, whichever node");
    }

    private static void assertExactlyCapacityAdmitted(List<Outcome> outcomes) {
        long admitted = outcomes.stream().filter(o -> o.status() == 200).count();
        long rejected = outcomes.stream().filter(o -> o.status() == 429).count();
        assertEquals(List.of(), outcomes.stream().filter(o -> o.status() != 200 && o.status() != 429).toList(),
                "every request is decided by Redis");
        assertEquals(CAPACITY, admitted, "admitted of " + REQUESTS);
        assertEquals(REQUESTS - CAPACITY, rejected, "rejected of " + REQUESTS);
        for (Outcome o : outcomes) {
            if (o.status() == 429) {
                assertTrue(o.retryAfter() >= 1 && o.retryAfter() <= 36, "one token of 100/1h is 36 s: " + o);
            }
        }
    }

    /** REQUESTS requests from THREADS threads, alternating between the nodes. */
    private static List<Outcome> burst(String path, String header, String value) throws Exception {
        List<Future<Outcome>> futures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            PayaraNode node = NODES.get(i % 2);
            futures.add(clients.submit(() -> send(node, path, header, value)));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : futures) {
            outcomes.add(future.get());
        }
        return outcomes;
    }

    private static Outcome send(PayaraNode node, String path, String header, String value) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
                .header(header, value).timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        long retryAfter = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L);
        return new Outcome(response.statusCode(), retryAfter, response.headers().firstValue("RateLimit").orElse(""));
    }
}
