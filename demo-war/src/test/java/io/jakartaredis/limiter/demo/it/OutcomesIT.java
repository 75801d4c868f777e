package io.jakartaredis.limiter.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jakartaredis.limiter.demo.it.outcomes.OutcomeResource;

/**
 * Counting by outcome, waiting for tokens and the filter's refund-status, in the server under
 * test against a real Redis: {@code countOn} on a {@code @Stateless} login, {@code maxWait} on a
 * {@code @Stateless} bean, and a filter rule that refunds 5xx. {@code .count-on} names the
 * application's own exception class, which the library loads with the application's class loader,
 * and replaces the annotation's, which is never thrown. Every client key is unique to the run: the
 * Redis outlives a rerun.
 */
@ExtendWith(ArquillianExtension.class)
class OutcomesIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.demoWar("outcomes", """
                limiter.policy.login.count-on=io.jakartaredis.limiter.demo.it.outcomes.InvalidCredentialsException
                limiter.policy.flaky.limits=2/1h
                limiter.web.rules.flaky.pattern=/api/outcome/status/*
                limiter.web.rules.flaky.policy=flaky
                limiter.web.rules.flaky.key=header:X-Client
                limiter.web.rules.flaky.refund-status=5xx, 304
                limiter.policy.flaky-async.limits=2/1h
                limiter.web.rules.flaky-async.pattern=/api/outcome/async/*
                limiter.web.rules.flaky-async.policy=flaky-async
                limiter.web.rules.flaky-async.key=header:X-Client
                limiter.web.rules.flaky-async.refund-status=5xx
                limiter.policy.own-async.limits=1000/1h
                limiter.web.rules.own-async.pattern=/servlet-async/*
                limiter.web.rules.own-async.policy=own-async
                limiter.web.rules.own-async.refund-status=5xx
                """).addPackage(OutcomeResource.class.getPackage());
    }

    private String login(String user, String password) {
        return Http.get(base, "api/outcome/login?password=" + password, "X-User", user).body();
    }

    @Test
    void onlyFailedLoginsCountFiveInFifteenMinutes() {
        String user = "alice-" + UUID.randomUUID();
        for (int i = 0; i < 100; i++) {
            assertEquals("welcome " + user, login(user, "secret"), "successful login " + (i + 1));
        }
        for (int i = 0; i < 5; i++) {
            assertEquals("invalid", login(user, "guess" + i), "failed login " + (i + 1));
        }
        String sixth = login(user, "guess5");
        assertTrue(sixth.startsWith("rejected login retryAfterMillis="), sixth);
        long retryAfter = Long.parseLong(sixth.substring(sixth.indexOf('=') + 1));
        assertTrue(retryAfter > 170_000 && retryAfter <= 180_000, "one token of 5/15m: " + retryAfter);
        assertTrue(login(user, "secret").startsWith("rejected login "), "tokens are taken before the call: even the right password waits");
        String bob = "bob-" + UUID.randomUUID();
        assertEquals("welcome " + bob, login(bob, "secret"), "another user has a bucket of their own");
        System.out.println("[measured] login 5/15m countOn: 100 successes admitted and refunded, 5 failures admitted, 6th rejected, retryAfterMillis=" + retryAfter);
    }

    @Test
    void aCallWithMaxWaitWaitsForItsTurnInsteadOfBeingRejected() {
        String client = "paced-" + UUID.randomUUID();
        long start = System.nanoTime();
        List<Long> finishedMillis = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            assertEquals("paced", Http.get(base, "api/outcome/paced/paced", "X-Client", client).body(), "call " + (i + 1));
            finishedMillis.add((System.nanoTime() - start) / 1_000_000);
        }
        long last = finishedMillis.get(5);
        System.out.println("[measured] 2/1s maxWait 3s, 6 sequential calls finished at ms " + finishedMillis);
        // Two tokens at once, then one per 500 ms: the sixth call's slot is 2 s after the first call took its token.
        assertTrue(last >= 1_950, "never faster than the rate (slot at 2000 ms, 50 ms for timer rounding): " + finishedMillis);
        assertTrue(last <= 5_000, "waits only for its slot (2000 ms; 3 s of tolerance for a loaded machine): " + finishedMillis);
    }

    @Test
    void aCallWhoseWaitWouldExceedMaxWaitIsRejectedAtOnce() {
        String client = "sparse-" + UUID.randomUUID();
        assertEquals("sparse", Http.get(base, "api/outcome/paced/sparse", "X-Client", client).body());
        long start = System.nanoTime();
        String second = Http.get(base, "api/outcome/paced/sparse", "X-Client", client).body();
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("[measured] 1/10s maxWait 3s: second call answered in " + elapsedMillis + " ms: " + second);
        assertTrue(second.startsWith("rejected sparse retryAfterMillis="), second);
        long retryAfter = Long.parseLong(second.substring(second.indexOf('=') + 1));
        assertTrue(retryAfter > 3_000 && retryAfter <= 10_000, "the wait it would have needed, beyond maxWait: " + retryAfter);
        assertTrue(elapsedMillis < 1_500, "at once, not after waiting up to maxWait (3 s): " + elapsedMillis + " ms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "async"})
    void theFilterRefundsA503ButNotA200(String kind) {
        String path = "api/outcome/" + kind + "/";
        String policy = kind.equals("status") ? "flaky" : "flaky-async";
        String client = "flaky-" + UUID.randomUUID();
        List<Long> refundedAfterMillis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Http.Response unavailable = Http.get(base, path + "503", "X-Client", client);
            assertEquals(503, unavailable.status(), "503 number " + (i + 1) + " is refunded, so never 429");
            assertEquals("r=1", remaining(unavailable), "the fields describe the bucket before the refund");
            refundedAfterMillis.add(untilFull(policy, client));
        }
        assertEquals(200, Http.get(base, path + "200", "X-Client", client).status());
        assertEquals(200, Http.get(base, path + "200", "X-Client", client).status());
        assertEquals(429, Http.get(base, path + "200", "X-Client", client).status(), "two 200s kept their tokens of 2/1h");
        System.out.println("[measured] filter " + kind + " 2/1h refund-status 5xx: 5 x 503 refunded (bucket full again after ms "
                + refundedAfterMillis + "), 2 x 200 admitted, 3rd 200 answered 429");
    }

    /** A rule with refund-status wraps the request; the no-argument startAsync() still holds the container's own. */
    @Test
    void anApplicationThatStartsAsyncItselfUnderARefundingRuleSeesTheOriginalRequestAndResponse() {
        Http.Response answer = Http.get(base, "servlet-async/x");
        assertEquals(200, answer.status());
        assertTrue(answer.header("RateLimit").isPresent(), "the rule applied: " + answer.headers());
        assertEquals("true", answer.header("X-Original-Request-And-Response").orElse("absent"));
    }

    /**
     * Waits for the refund of the last response, which may land after the client read it (an
     * asynchronous request settles on completion): polls the bucket, taking nothing, for up to 10 s.
     */
    private long untilFull(String policy, String client) {
        long start = System.nanoTime();
        long deadline = start + 10_000_000_000L;
        String left;
        while (!(left = Http.get(base, "api/outcome/remaining/" + policy, "X-Client", client).body()).equals("2")) {
            assertTrue(System.nanoTime() < deadline, "the 503's token is back within 10 s; tokens left: " + left);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the refund", e);
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String remaining(Http.Response response) {
        String field = response.header("RateLimit").orElseThrow();
        return field.replaceAll(".*;(r=\\d+).*", "$1");
    }
}
