package io.jakartaredis.limiter.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.jakartaredis.limiter.demo.it.concurrency.ConcurrencyProbeResource;

/**
 * Concurrency limits in the server under test: with 2 slots per client, 3 parallel calls held in
 * flight, through the interceptor and under a filter rule, get exactly 2 in flight and one 429
 * with the {@code concurrent-requests} quota item; once they are released, a new call passes.
 * Every client key and gate is unique to the run: the Redis outlives a rerun.
 */
@ExtendWith(ArquillianExtension.class)
class ConcurrencyIT {

    private static final int SLOTS = 2;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.demoWar("concurrency", """
                limiter.policy.conc-web.concurrency=2
                limiter.policy.conc-web.limits=1000/1m
                limiter.web.rules.conc-web.pattern=/api/conc-probe/web/*
                limiter.web.rules.conc-web.policy=conc-web
                limiter.web.rules.conc-web.key=header:X-Client
                """).addPackage(ConcurrencyProbeResource.class.getPackage());
    }

    @Test
    void theInterceptorLetsTwoCallsInFlightAndAnswersTheThird429() throws Exception {
        String client = "conc-bean-" + UUID.randomUUID();
        Http.Response rejected = holdTwoThenCallThird("bean", client);
        assertEquals("\"conc-bean-1\";q=2;qu=\"concurrent-requests\"", rejected.header("RateLimit-Policy").orElseThrow());
        assertEquals("\"conc-bean-1\";r=0;t=1", rejected.header("RateLimit").orElseThrow());
        for (int i = 0; i < 3; i++) {
            assertEquals(500, Http.get(base, "api/conc-probe/bean-fails", "X-Client", client).status());
        }
        String group = "again-" + UUID.randomUUID();
        assertEquals(200, Http.request("POST", Http.CLIENT, base, "api/conc-probe/open/" + group).status());
        assertEquals("done", Http.get(base, "api/conc-probe/bean/" + group, "X-Client", client).body(),
                "every slot came back, also after the method threw");
    }

    @Test
    void theFilterLetsTwoRequestsInFlightAndAnswersTheThird429() throws Exception {
        String client = "conc-web-" + UUID.randomUUID();
        Http.Response rejected = holdTwoThenCallThird("web", client);
        assertEquals("\"conc-web-1\";q=1000;w=60, \"conc-web-2\";q=2;qu=\"concurrent-requests\"",
                rejected.header("RateLimit-Policy").orElseThrow());
        assertEquals("\"conc-web-2\";r=0;t=1", rejected.header("RateLimit").orElseThrow());
        String group = "again-" + UUID.randomUUID();
        assertEquals(200, Http.request("POST", Http.CLIENT, base, "api/conc-probe/open/" + group).status());
        Http.Response passes = Http.get(base, "api/conc-probe/web/" + group, "X-Client", client);
        assertEquals(200, passes.status());
        assertTrue(passes.header("RateLimit").orElseThrow().endsWith("\"conc-web-2\";r=1"), passes.header("RateLimit").get());
    }

    /** Two calls of {@code kind} held in flight, the third answered while they are; then they are released. */
    private Http.Response holdTwoThenCallThird(String kind, String client) throws Exception {
        String group = "held-" + UUID.randomUUID();
        ExecutorService threads = Executors.newFixedThreadPool(SLOTS);
        try {
            List<Future<Http.Response>> held = new ArrayList<>();
            for (int i = 0; i < SLOTS; i++) {
                held.add(threads.submit(() -> Http.get(base, "api/conc-probe/" + kind + "/" + group, "X-Client", client)));
            }
            for (int polls = 0; polls < 300 && !inFlight(group).equals(Integer.toString(SLOTS)); polls++) {
                Thread.sleep(50);
            }
            assertEquals(Integer.toString(SLOTS), inFlight(group), "both calls in flight");
            Http.Response third = Http.get(base, "api/conc-probe/" + kind + "/" + group, "X-Client", client);
            assertEquals(429, third.status(), third.body());
            assertEquals("1", third.header("Retry-After").orElseThrow());
            assertTrue(third.body().contains("2 in flight"), third.body());
            assertEquals(Integer.toString(SLOTS), inFlight(group), "exactly two in flight");
            assertEquals(200, Http.request("POST", Http.CLIENT, base, "api/conc-probe/open/" + group).status());
            for (Future<Http.Response> each : held) {
                Http.Response response = each.get(30, TimeUnit.SECONDS);
                assertEquals(200, response.status(), response.body());
                assertEquals("done", response.body());
            }
            return third;
        } finally {
            threads.shutdownNow();
        }
    }

    private String inFlight(String group) {
        return Http.get(base, "api/conc-probe/in-flight/" + group).body();
    }
}
