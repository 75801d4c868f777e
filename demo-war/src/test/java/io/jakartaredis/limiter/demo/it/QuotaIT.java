package io.jakartaredis.limiter.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo's quota endpoint: what {@code peek} says of the caller's bucket, keyed as the filter and the interceptor key it. */
@ExtendWith(ArquillianExtension.class)
class QuotaIT {

    /** A client address of this run's own, forwarded by the trusted proxy: the Redis outlives a rerun. */
    private static final String[] CLIENT = {"X-Forwarded-For", Http.randomClientAddress()};
    private static final String API_KEY = "quota-key-" + UUID.randomUUID();
    private static final Pattern REMAINING = Pattern.compile("\"remaining\":(\\d+)");

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.demoWar("quota", """
                limiter.policy.per-ip.limits=10/60s
                limiter.web.rules.hello.pattern=/api/hello
                limiter.web.rules.hello.policy=per-ip
                limiter.web.trusted-proxies=127.0.0.2
                """);
    }

    private Http.Response viaProxy(String path, String... headers) {
        String[] all = Arrays.copyOf(CLIENT, CLIENT.length + headers.length);
        System.arraycopy(headers, 0, all, CLIENT.length, headers.length);
        return Http.request("GET", Http.TRUSTED_PROXY, base, path, all);
    }

    private long remaining(String policy, String... headers) {
        Http.Response response = viaProxy("api/quota/" + policy, headers);
        assertEquals(200, response.status(), response.body());
        Matcher m = REMAINING.matcher(response.body());
        assertTrue(m.find(), response.body());
        return Long.parseLong(m.group(1));
    }

    @Test
    void showsTheFiltersQuotaOfTheCallerWithoutTakingAnything() {
        Http.Response fresh = viaProxy("api/quota/per-ip");
        assertEquals("{\"policy\":\"per-ip\",\"limit\":10,\"window\":60,"
                + "\"remaining\":10,\"reset\":0}", fresh.body());
        assertEquals(10, remaining("per-ip"), "peeking took nothing");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, viaProxy("api/hello").status());
        }
        assertEquals(7, remaining("per-ip"));
        Http.Response afterThree = viaProxy("api/quota/per-ip");
        assertTrue(afterThree.body().matches(".*\"reset\":(1[5-8]).*"), "three tokens of 10/60s refill in 18 s: " + afterThree.body());
    }

    @Test
    void showsTheInterceptorsQuotaUnderTheCallersApiKey() {
        for (int i = 0; i < 2; i++) {
            assertEquals(200, Http.get(base, "api/quote", "X-Api-Key", API_KEY).status());
        }
        assertEquals(3, remaining("per-api-key", "X-Api-Key", API_KEY));
        assertEquals(5, remaining("per-api-key", "X-Api-Key", API_KEY + "-another"), "another key has its own bucket");
    }

    @Test
    void anUnknownPolicyIsNotFound() {
        assertEquals(404, Http.get(base, "api/quota/nope").status());
    }
}
