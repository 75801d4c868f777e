package io.jakartaredis.limiter.web;


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
 * <p>Written by hand, so that no JSON provider needs to be present; every character outside
 * printable ASCII is escaped, so the body reads the same in any charset.
 */
final class ProblemDetails {

    /** The title registered for the type, the same on every occurrence as RFC 9457 asks. */
    static final String TITLE = "Quota Exceeded";

    private ProblemDetails() {
    }

    static String quotaExceeded(PolicyDecision rejection, long retryAfterSeconds) {
        String tier = rejection.decision().tier();
        String detail = "Quota " + rejection.itemName() + " (" + rejection.limitText() + ") of policy " + rejection.policy().name()
                + (tier.isEmpty() ? "" : " in tier " + tier) + " is used up; retry after " + retryAfterSeconds + (retryAfterSeconds == 1 ? " second." : " seconds.");
        return "{\"type\":" + string(RateLimitHeaders.QUOTA_EXCEEDED_TYPE)
                + ",\"title\":" + string(TITLE)
                + ",\"status\":" + RateLimitHeaders.TOO_MANY_REQUESTS
                + ",\"detail\":" + string(detail)
                + ",\"violated-policies\":[" + string(rejection.itemName()) + "]"
                + ",\"retry-after\":" + retryAfterSeconds + "}";
    }

    /**
     * The body of a 503 when the limiter cannot decide: an {@code about:blank} problem, whose title
     * is the status phrase (RFC 9457, section 4.2.1). It tells nothing about Redis to the client.
     */
    static String serviceUnavailable(long retryAfterSeconds) {
        return "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":" + RateLimitHeaders.SERVICE_UNAVAILABLE
                + ",\"detail\":\"The rate limiter cannot decide right now; retry after " + retryAfterSeconds
                + (retryAfterSeconds == 1 ? " second." : " seconds.") + "\",\"retry-after\":" + retryAfterSeconds + "}";
    }

    /** A JSON string (RFC 8259) in printable ASCII: quotes, backslashes and everything else outside 0x20 to 0x7E escaped. */
    static String string(String value) {
        StringBuilder json = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
