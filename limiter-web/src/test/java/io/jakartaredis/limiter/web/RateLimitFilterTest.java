package io.jakartaredis.limiter.web;

import static io.jakartaredis.limiter.web.ServletFakes.get;
import static io.jakartaredis.limiter.web.ServletFakes.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.web.FakeRateLimiter.Call;

class RateLimitFilterTest {

    private final FakeRateLimiter limiter = new FakeRateLimiter("api", "10/1s, 1000/1h", "login", "5/1m", "site", "100/1m");
    private final ServletFakes.Captured response = new ServletFakes.Captured();
    private final ServletFakes.Chain chain = new ServletFakes.Chain();

    private RateLimitFilter filter(String... properties) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        return new RateLimitFilter(WebConfigReader.read(ConfigValues.of(values), limiter::policy), limiter);
    }

    private RateLimitFilter apiAndLogin() {
        return filter("limiter.web.rules.a-login.pattern", "/login", "limiter.web.rules.a-login.policy", "login",
                "limiter.web.rules.a-login.methods", "POST",
                "limiter.web.rules.b-api.pattern", "/api/*", "limiter.web.rules.b-api.policy", "api",
                "limiter.web.rules.c-site.pattern", "/", "limiter.web.rules.c-site.policy", "site",
                "limiter.web.rules.c-site.key", "global", "limiter.web.trusted-proxies", "10.0.0.0/8");
    }

    private void run(RateLimitFilter filter, HttpServletRequest request) throws IOException, ServletException {
        filter.doFilter(request, response.response(), chain.chain());
    }

    @Test
    void aRequestNoRuleMatchesPassesUntouched() throws Exception {
        run(filter("limiter.web.rules.r.pattern", "/api/*", "limiter.web.rules.r.policy", "api"), get("/static/app.js", "203.0.113.5"));
        assertEquals(1, chain.passed);
        assertEquals(Map.of(), response.headers);
        assertEquals(List.of(), limiter.calls);
    }

    @Test
    void anAllowedRequestGoesOnWithTheFieldsOfEveryMatchingPolicy() throws Exception {
        run(apiAndLogin(), request("GET", "/api", "/items", "203.0.113.5", null));
        assertEquals(1, chain.passed);
        assertEquals(List.of(new Call("api", "ip:203.0.113.5", 1), new Call("site", "global", 1)), limiter.calls);
        assertEquals("\"api-1\";q=10;w=1, \"api-2\";q=1000;w=3600, \"site-1\";q=100;w=60", response.headers.get("RateLimit-Policy"));
        assertEquals("\"api-1\";r=7;t=5, \"site-1\";r=7;t=5", response.headers.get("RateLimit"));
        assertEquals(200, response.status);
    }

    @Test
    void theFirstRejectionAnswers429AndLaterRulesAreNotAsked() throws Exception {
        limiter.rejecting("api");
        run(apiAndLogin(), get("/api/items", "203.0.113.5"));
        assertEquals(0, chain.passed);
        assertEquals(List.of(new Call("api", "ip:203.0.113.5", 1)), limiter.calls);
        assertEquals(429, response.status);
        assertEquals("application/problem+json", response.contentType);
        assertEquals(Map.of("RateLimit-Policy", "\"api-1\";q=10;w=1, \"api-2\";q=1000;w=3600",
                "RateLimit", "\"api-1\";r=0;t=3", "Retry-After", "3"), response.headers);
        JsonObject problem = ProblemJson.read(response.body());
        assertEquals(List.of("api-1"), problem.getJsonArray("violated-policies").getValuesAs(JsonString::getString));
        assertEquals(3, problem.getInt("retry-after"));
    }

    @Test
    void aLimiterThatCannotDecideAnswers503WithRetryAfterNever429() throws Exception {
        limiter.unavailable("site");
        run(apiAndLogin(), get("/api/items", "203.0.113.5"));
        assertEquals(0, chain.passed);
        assertEquals(503, response.status);
        assertEquals("application/problem+json", response.contentType);
        assertEquals(Map.of("Retry-After", "1"), response.headers);
        JsonObject problem = ProblemJson.read(response.body());
        assertEquals(503, problem.getInt("status"));
        assertEquals("Service Unavailable", problem.getString("title"));
        assertEquals(1, problem.getInt("retry-after"));
        assertTrue(!response.body().contains("Redis"), "nothing about the infrastructure: " + response.body());
    }

    @Test
    void rulesCheckedBeforeARejectionHaveTakenTheirTokens() throws Exception {
        limiter.rejecting("site");
        run(apiAndLogin(), request("POST", "/login", null, "203.0.113.5", null));
        assertEquals(List.of(new Call("login", "ip:203.0.113.5", 1), new Call("site", "global", 1)), limiter.calls);
        assertEquals(429, response.status);
        assertEquals("\"site-1\";r=0;t=3", response.headers.get("RateLimit"));
    }

    @Test
    void aMethodOutsideTheRuleIsNotLimitedByIt() throws Exception {
        run(apiAndLogin(), get("/login", "203.0.113.5"));
        assertEquals(List.of(new Call("site", "global", 1)), limiter.calls);
    }

    @Test
    void theClientBehindATrustedProxyIsKeyedByItsForwardedAddress() throws Exception {
        run(apiAndLogin(), get("/api/x", "10.0.0.1", "X-Forwarded-For", "6.6.6.6, 203.0.113.5"));
        run(apiAndLogin(), get("/api/x", "198.51.100.9", "X-Forwarded-For", "203.0.113.5"));
        run(apiAndLogin(), get("/api/x", "10.0.0.1", "X-Forwarded-For", "[2001:db8::7]:443"));
        run(apiAndLogin(), get("/api/x", "10.0.0.1", "Forwarded", "for=203.0.113.5"));
        assertEquals(List.of("ip:203.0.113.5", "ip:198.51.100.9", "ip:2001:db8::/64", "ip:10.0.0.1"),
                limiter.calls.stream().filter(c -> c.policy().equals("api")).map(Call::key).toList());
    }

    @Test
    void eachStrategyKeysWithItsOwnPrefix() throws Exception {
        Principal alice = () -> "alice";
        Principal anonymous = () -> "ANONYMOUS";
        RateLimitFilter byUser = filter("limiter.web.rules.r.pattern", "/*", "limiter.web.rules.r.policy", "api",
                "limiter.web.rules.r.key", "principal");
        RateLimitFilter byHeader = filter("limiter.web.rules.r.pattern", "/*", "limiter.web.rules.r.policy", "api",
                "limiter.web.rules.r.key", "header:X-Api-Key", "limiter.web.rules.r.cost", "3");
        run(byUser, request("GET", "/x", null, "203.0.113.5", alice));
        run(byUser, request("GET", "/x", null, "203.0.113.5", anonymous));
        run(byUser, request("GET", "/x", null, "203.0.113.5", null));
        run(byHeader, get("/x", "203.0.113.5", "x-api-key", "k1"));
        run(byHeader, get("/x", "203.0.113.5", "X-Api-Key", " "));
        run(byHeader, get("/x", "203.0.113.5"));
        assertEquals(List.of(new Call("api", "user:alice", 1), new Call("api", "ip:203.0.113.5", 1),
                new Call("api", "ip:203.0.113.5", 1), new Call("api", "hdr:k1", 3), new Call("api", "ip:203.0.113.5", 3),
                new Call("api", "ip:203.0.113.5", 3)), limiter.calls);
    }

    @Test
    void legacyHeadersAreAddedOnlyWhenAskedFor() throws Exception {
        run(filter("limiter.web.rules.r.pattern", "/*", "limiter.web.rules.r.policy", "login",
                "limiter.web.legacy-headers", "true"), get("/", "203.0.113.5"));
        assertEquals("5", response.headers.get("X-RateLimit-Limit"));
        assertEquals("7", response.headers.get("X-RateLimit-Remaining"));
        assertEquals("5", response.headers.get("X-RateLimit-Reset"));
        assertTrue(response.headers.keySet().containsAll(List.of("RateLimit-Policy", "RateLimit")));
    }

    @Test
    void theRootOfTheApplicationIsPathSlash() throws Exception {
        run(filter("limiter.web.rules.r.pattern", "/", "limiter.web.rules.r.policy", "api"), request("GET", "", null,
                "203.0.113.5", null));
        run(filter("limiter.web.rules.r.pattern", "/", "limiter.web.rules.r.policy", "api"), request("GET", null, null,
                "203.0.113.5", null));
        assertEquals(2, limiter.calls.size());
    }

    @Test
    void everyRequestGetsTheSameKeptFieldsAndARedeployedFilterDescribesItsNewLimits() throws Exception {
        RateLimitFilter filter = filter("limiter.web.rules.r.pattern", "/api/*", "limiter.web.rules.r.policy", "api");
        for (int i = 0; i < 3; i++) {
            run(filter, get("/api/items", "203.0.113.5"));
            assertEquals("\"api-1\";q=10;w=1, \"api-2\";q=1000;w=3600", response.headers.get("RateLimit-Policy"));
        }
        FakeRateLimiter changed = new FakeRateLimiter("api", "20/1s").rejecting("api");
        RateLimitFilter redeployed = new RateLimitFilter(WebConfigReader.read(ConfigValues.of(Map.of(
                "limiter.web.rules.r.pattern", "/api/*", "limiter.web.rules.r.policy", "api")), changed::policy), changed);
        ServletFakes.Captured rejected = new ServletFakes.Captured();
        redeployed.doFilter(get("/api/items", "203.0.113.5"), rejected.response(), chain.chain());
        assertEquals("\"api-1\";q=20;w=1", rejected.headers.get("RateLimit-Policy"));
        assertEquals("Quota api-1 (20/1s) of policy api is used up; retry after 3 seconds.",
                ProblemJson.read(rejected.body()).getString("detail"));
    }
}
