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
        return write(rejection, seconds(retryAfterSeconds), retryAfterSeconds);
    }

    private static String write(PolicyDecision rejection, String secondsText, long retryAfterSeconds) {
        String tier = rejection.decision().tier();
        String detail = "Quota " + rejection.itemName() + " (" + rejection.limitText() + ") of policy " + rejection.policy().name()
                + (tier.isEmpty() ? "" : " in tier " + tier) + " is used up; retry after " + secondsText;
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

    /** Stands for the seconds in the detail while a {@link Template} is cut: text that JSON writes as it is. */
    private static final String SECONDS_MARK = "@@seconds@@";
    /** Stands for the retry-after member while a {@link Template} is cut. */
    private static final long RETRY_AFTER_MARK = 987_654_321_987L;

    /**
     * The body of a rejection by the quota item of {@code rejection}, cut once around its two parts
     * that change (the seconds in the detail, the retry-after member), so that a rejection joins
     * three kept texts and the seconds instead of writing JSON. It is used only when it writes, for
     * 1 and for 2 seconds, exactly what {@link #quotaExceeded} writes; else that writes every body.
     */
    static Template template(PolicyDecision rejection) {
        String marked = write(rejection, SECONDS_MARK, RETRY_AFTER_MARK);
        int retryAfter = marked.lastIndexOf(Long.toString(RETRY_AFTER_MARK));
        int seconds = retryAfter < 0 ? -1 : marked.lastIndexOf(SECONDS_MARK, retryAfter);
        if (seconds < 0) {
            return Template.NONE;
        }
        Template template = new Template(marked.substring(0, seconds),
                marked.substring(seconds + SECONDS_MARK.length(), retryAfter),
                marked.substring(retryAfter + Long.toString(RETRY_AFTER_MARK).length()));
        boolean writesTheSame = template.body(rejection, 1).equals(quotaExceeded(rejection, 1))
                && template.body(rejection, 2).equals(quotaExceeded(rejection, 2));
        return writesTheSame ? template : Template.NONE;
    }

    /** A rejection's body but for its seconds: what comes before them, between them and the retry-after, and after. */
    record Template(String beforeSeconds, String beforeRetryAfter, String end) {

        /** No template: every body is written afresh. */
        static final Template NONE = new Template(null, null, null);

        String body(PolicyDecision rejection, long retryAfterSeconds) {
            if (this == NONE) {
                return quotaExceeded(rejection, retryAfterSeconds);
            }
            return beforeSeconds + seconds(retryAfterSeconds) + beforeRetryAfter + retryAfterSeconds + end;
        }
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
