package io.jakartaredis.limiter.demo.it;

import static io.jakartaredis.limiter.demo.it.Http.CLIENT;
import static io.jakartaredis.limiter.demo.it.Http.TRUSTED_PROXY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The servlet filter over real HTTP: rules, client addresses behind a trusted proxy, header
 * fields and the 429 problem response. Requests come from 127.0.0.1 (an untrusted client) or
 * 127.0.0.2 (the trusted proxy), so each test picks its own client address.
 */
@ExtendWith(ArquillianExtension.class)
class WebFilterIT {

    private static final Pattern RATE_LIMIT = Pattern.compile("\"per-ip-1\";r=(\\d+);t=(\\d+)");

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.demoWar("web", """
                limiter.policy.per-ip.limits=3/1h
                limiter.web.rules.hello.pattern=/api/hello
                limiter.web.rules.hello.policy=per-ip
                limiter.policy.two-limits.limits=50/1s, 1000/1h
                limiter.web.rules.search.pattern=/api/search
                limiter.web.rules.search.policy=two-limits
                limiter.web.rules.status-post.pattern=/api/status
                limiter.web.rules.status-post.methods=POST
                limiter.web.rules.status-post.policy=per-ip
                limiter.web.trusted-proxies=127.0.0.2
                limiter.web.legacy-headers=true
                """);
    }

    private Http.Response hello(String source, String... headers) {
        return Http.request("GET", source, base, "api/hello", headers);
    }

    @Test
    void allowedResponseCarriesPolicyAndRemainingFields() {
        Http.Response response = hello(TRUSTED_PROXY, "X-Forwarded-For", "198.51.100.1");
        assertEquals(200, response.status());
        assertEquals("\"per-ip-1\";q=3;w=3600", response.header("RateLimit-Policy").orElseThrow());
        assertEquals("\"per-ip-1\";r=2;t=1200", response.header("RateLimit").orElseThrow());
        assertEquals("3", response.header("X-RateLimit-Limit").orElseThrow());
        assertEquals("2", response.header("X-RateLimit-Remaining").orElseThrow());
        assertEquals("1200", response.header("X-RateLimit-Reset").orElseThrow());
    }

    @Test
    void overTheLimitAnswers429WithRetryAfterAndProblemDetails() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, hello(TRUSTED_PROXY, "X-Forwarded-For", "198.51.100.2").status());
        }
        Http.Response rejected = hello(TRUSTED_PROXY, "X-Forwarded-For", "198.51.100.2");
        assertEquals(429, rejected.status());
        long retryAfter = Long.parseLong(rejected.header("Retry-After").orElseThrow());
        Matcher field = RATE_LIMIT.matcher(rejected.header("RateLimit").orElseThrow());
        assertTrue(field.matches(), rejected.header("RateLimit").orElseThrow());
        assertEquals("0", field.group(1));
        assertTrue(retryAfter >= Long.parseLong(field.group(2)), "Retry-After never earlier than t");
        assertTrue(retryAfter > 1190 && retryAfter <= 1200, "one token of 3/1h: " + retryAfter);
        assertEquals("application/problem+json", rejected.header("Content-Type").orElseThrow().split(";")[0]);
        String body = rejected.body();
        assertTrue(body.contains("\"type\":\"https://iana.org/assignments/http-problem-types#quota-exceeded\""), body);
        assertTrue(body.contains("\"status\":429"), body);
        assertTrue(body.contains("\"violated-policies\":[\"per-ip-1\"]"), body);
        assertTrue(body.contains("\"title\":"), body);
        assertTrue(body.contains("\"detail\":"), body);
    }

    @Test
    void spoofedForwardedForFromAnUntrustedPeerIsIgnored() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, hello(CLIENT, "X-Forwarded-For", "203.0.113." + i).status());
        }
        assertEquals(429, hello(CLIENT, "X-Forwarded-For", "203.0.113.99").status(),
                "every request came from 127.0.0.1, whatever it claimed");
    }

    @Test
    void trustedProxyForwardsTheClientAndPrependedEntriesChangeNothing() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, hello(TRUSTED_PROXY, "X-Forwarded-For", "203.0.113.50, 198.51.100.3").status());
        }
        assertEquals(429, hello(TRUSTED_PROXY, "X-Forwarded-For", "6.6.6.6, 198.51.100.3").status(),
                "the client cannot escape its bucket by prepending addresses");
        assertEquals(200, hello(TRUSTED_PROXY, "X-Forwarded-For", "198.51.100.4").status());
    }

    @Test
    void aForwardedHeaderTheProxyPassesThroughCannotChooseTheKey() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, hello(TRUSTED_PROXY, "Forwarded", "for=203.0.113." + i, "X-Forwarded-For", "198.51.100.5").status());
        }
        assertEquals(429, hello(TRUSTED_PROXY, "Forwarded", "for=203.0.113.99", "X-Forwarded-For", "198.51.100.5").status(),
                "X-Forwarded-For is the configured header: Forwarded is ignored");
    }

    @Test
    void ipv6ClientsAreKeyedByTheirSlash64() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, hello(TRUSTED_PROXY, "X-Forwarded-For", "[2001:db8:7:9::" + Integer.toHexString(i + 1) + "]:4711").status());
        }
        assertEquals(429, hello(TRUSTED_PROXY, "X-Forwarded-For", "2001:DB8:7:9:ffff:ffff:ffff:ffff").status(),
                "another address of the same /64");
    }

    @Test
    void hostileHeadersNeverCauseAServerError() {
        String[] hostile = {"", "unknown", "_hidden", "[::1", "999.1.1.1", "a".repeat(4000), "1.2.3.4\u00e9", "\"", ";;;,,,"};
        for (String value : hostile) {
            int status = hello(TRUSTED_PROXY, "X-Forwarded-For", value, "Forwarded", "for=" + value).status();
            assertTrue(status < 500, value + " gave " + status);
        }
    }

    /**
     * Undertow accepts up to 1 MiB of request headers (Grizzly, in Payara, 8 KiB): a client's huge
     * prefix must neither fail the request nor hide the hop its proxy appended, on one line or two.
     */
    @Test
    void aOneMebibyteForwardedForKeysTheClientByTheHopItsProxyAppended() {
        assumeTrue("wildfly".equals(System.getProperty("arquillian.launch")), "only Undertow accepts 1 MiB of headers");
        String huge = "6.6.6.6, ".repeat((1024 * 1024 - 16 * 1024) / 9);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, hello(TRUSTED_PROXY, "X-Forwarded-For", huge + "198.51.100.9").status());
        }
        assertEquals(429, hello(TRUSTED_PROXY, "X-Forwarded-For", huge, "X-Forwarded-For", "198.51.100.9").status(),
                "the proxy's own line names the same client");
        assertEquals(200, hello(TRUSTED_PROXY, "X-Forwarded-For", huge + "198.51.100.10").status(),
                "another client behind the same proxy has its own bucket");
    }

    @Test
    void everyLimitOfAPolicyIsAdvertised() {
        Http.Response response = Http.get(base, "api/search?q=x");
        assertEquals(200, response.status());
        // the rule's policy, then the @RateLimited resource method's own (search)
        assertEquals("\"two-limits-1\";q=50;w=1, \"two-limits-2\";q=1000;w=3600, \"search-1\";q=3;w=1, \"search-2\";q=20;w=3600",
                response.header("RateLimit-Policy").orElseThrow());
    }

    @Test
    void ruleLimitedToPostLeavesGetAlone() {
        Http.Response get = Http.get(base, "api/status");
        assertEquals(200, get.status());
        assertEquals("\"global-status-1\";q=100;w=60", get.header("RateLimit-Policy").orElseThrow(),
                "no rule matched GET /api/status: only the resource method's own policy");
    }
}
