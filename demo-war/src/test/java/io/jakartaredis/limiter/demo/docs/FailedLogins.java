package io.jakartaredis.limiter.demo.docs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimitExceededException;
import io.jakartaredis.limiter.RateLimiter;

/** Only failed logins count: a successful one gets its token back. */
@ApplicationScoped
public class FailedLogins {

    @Inject
    RateLimiter limiter;

    public boolean login(String username, String password) {
        Decision attempt = limiter.tryAcquire("failed-logins", username);   // 5/15m
        if (!attempt.allowed()) throw RateLimitExceededException.of(attempt);
        if (authenticate(username, password)) {
            limiter.refund("failed-logins", username, 1);                    // only failures count
            return true;
        }
        return false;
    }

    private static boolean authenticate(String username, String password) {
        return !username.isEmpty() && password.length() > 8;
    }
}
