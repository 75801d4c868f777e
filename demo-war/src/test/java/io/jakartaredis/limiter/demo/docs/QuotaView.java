package io.jakartaredis.limiter.demo.docs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimiter;

/** Shows a client its quota, from a peek that takes nothing. */
@ApplicationScoped
public class QuotaView {

    @Inject
    RateLimiter limiter;

    public String quota(String apiKey) {
        Decision quota = limiter.peek("api", apiKey);          // would a call of cost 1 pass now?
        long left = quota.remaining();                          // tokens in the bucket as it is
        long fullInMillis = quota.resetAfterMillis();
        return left + " tokens left, full again in " + fullInMillis + " ms";
    }
}
