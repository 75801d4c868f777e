package io.jakartaredis.limiter.web;

import java.io.StringWriter;
import java.util.Map;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

/**
 * The body of a rejection: RFC 9457 problem details of type {@code quota-exceeded}
 * (draft-ietf-httpapi-ratelimit-headers-11, section 5.1), e.g.
 *
 * <pre>
 * {"type":"https://iana.org/assignments/http-problem-types#quota-exceeded","title":"Quota Exceeded",
 *  "status":429,"detail":"Quota api-1 (10/1s) of policy api is used up; retry after 1 second.",
 *  "violated-policies":["api-1"],"retry-after":1}
 * </pre>
 *
 * <p>Written with Jakarta JSON Processing, which every Jakarta EE server provides. The body is a
 * string to be sent in UTF-8, the only encoding of JSON (RFC 8259, section 8.1).
 */
final class ProblemDetails {

    /** The title registered for the type, the same on every occurrence as RFC 9457 asks. */
    static final String TITLE = "Quota Exceeded";

    /**
     * Resolved once: {@code Json.createGenerator} looks the provider up through the ServiceLoader
     * on every call, which would cost more than writing the body.
     */
    private static final JsonGeneratorFactory JSON = JsonProvider.provider().createGeneratorFactory(Map.of());

    private ProblemDetails() {
    }

    static String quotaExceeded(PolicyDecision rejection, long retryAfterSeconds) {
        String tier = rejection.decision().tier();
        String detail = "Quota " + rejection.itemName() + " (" + rejection.limitText() + ") of policy " + rejection.policy().name()
                + (tier.isEmpty() ? "" : " in tier " + tier) + " is used up; retry after " + seconds(retryAfterSeconds);
        StringWriter body = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(body)) {
            json.writeStartObject()
                    .write("type", RateLimitHeaders.QUOTA_EXCEEDED_TYPE)
                    .write("title", TITLE)
                    .write("status", RateLimitHeaders.TOO_MANY_REQUESTS)
                    .write("detail", detail)
                    .writeStartArray("violated-policies").write(rejection.itemName()).writeEnd()
                    .write("retry-after", retryAfterSeconds)
                    .writeEnd();
        }
        return body.toString();
    }

    /**
     * The body of a 503 when the limiter cannot decide: an {@code about:blank} problem, whose title
     * is the status phrase (RFC 9457, section 4.2.1). It tells nothing about Redis to the client.
     */
    static String serviceUnavailable(long retryAfterSeconds) {
        StringWriter body = new StringWriter(160);
        try (JsonGenerator json = JSON.createGenerator(body)) {
            json.writeStartObject()
                    .write("type", "about:blank")
                    .write("title", "Service Unavailable")
                    .write("status", RateLimitHeaders.SERVICE_UNAVAILABLE)
                    .write("detail", "The rate limiter cannot decide right now; retry after " + seconds(retryAfterSeconds))
                    .write("retry-after", retryAfterSeconds)
                    .writeEnd();
        }
        return body.toString();
    }

    private static String seconds(long count) {
        return count + (count == 1 ? " second." : " seconds.");
    }
}
