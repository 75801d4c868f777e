package io.jakartaredis.limiter.demo.docs;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimiter;

/** Waits for a turn at the partner's API rather than being rejected at once. */
@ApplicationScoped
public class PartnerCalls {

    @Inject
    RateLimiter limiter;

    @Inject
    Partner partner;

    public void callPartner() {
        // 100 calls per minute to a partner API, shared by every node: wait for a turn, up to 30 s.
        Decision turn = limiter.acquire("partner-api", "global", 1, Duration.ofSeconds(30));
        if (turn.allowed()) {
            partner.call();
        } else {
            // the turn would come after more than 30 s (turn.retryAfterMillis()): nothing was taken
        }
    }
}
