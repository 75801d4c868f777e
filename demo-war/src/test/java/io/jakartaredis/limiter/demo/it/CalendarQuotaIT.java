package io.jakartaredis.limiter.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A calendar quota through the filter: {@code 3/day} in UTC admits 3 requests, then 429 until the next midnight. */
@ExtendWith(ArquillianExtension.class)
class CalendarQuotaIT {

    /** A client address of this run's own, forwarded by the trusted proxy: the Redis outlives a rerun. */
    private static final String CLIENT = Http.randomClientAddress();
    private static final Pattern T = Pattern.compile("\"cal-daily-1\";r=(\\d+);t=(\\d+)");
    /** Seconds that the server's clock, Redis's and this JVM's may differ by, and the requests take. */
    private static final long TOLERANCE_SECONDS = 5;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.demoWar("calendar", """
                limiter.policy.cal-daily.limits=3/day
                limiter.web.rules.cal-hello.pattern=/api/hello
                limiter.web.rules.cal-hello.policy=cal-daily
                limiter.web.trusted-proxies=127.0.0.2
                """);
    }

    private Http.Response hello() {
        return Http.request("GET", Http.TRUSTED_PROXY, base, "api/hello", "X-Forwarded-For", CLIENT);
    }

    @Test
    void admitsThreeADayThenRejectsUntilTheNextUtcMidnight() {
        for (int i = 0; i < 3; i++) {
            Http.Response allowed = hello();
            assertEquals(200, allowed.status(), allowed.body());
            assertTimeToMidnight(allowed, 2 - i);
            assertEquals("\"cal-daily-1\";q=3;w=86400", allowed.header("RateLimit-Policy").orElseThrow(),
                    "w: the day's nominal length");
        }
        Http.Response rejected = hello();
        assertEquals(429, rejected.status());
        assertTimeToMidnight(rejected, 0);
        long retryAfter = Long.parseLong(rejected.header("Retry-After").orElseThrow());
        assertEquals(secondsToMidnight(), retryAfter, TOLERANCE_SECONDS);
    }

    private static void assertTimeToMidnight(Http.Response response, long remaining) {
        String field = response.header("RateLimit").orElseThrow();
        Matcher m = T.matcher(field);
        assertTrue(m.matches(), field);
        assertEquals(remaining, Long.parseLong(m.group(1)), field);
        assertEquals(secondsToMidnight(), Long.parseLong(m.group(2)), TOLERANCE_SECONDS, "t is the time to the reset: " + field);
    }

    private static long secondsToMidnight() {
        Instant now = Instant.now();
        Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return midnight.getEpochSecond() - now.getEpochSecond();
    }
}
