package io.jakartaredis.limiter.demo.docs;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimitExceededException;
import io.jakartaredis.limiter.RateLimiter;

/** Asks the limiter itself before doing the work. */
@ApplicationScoped
public class SearchService {

    @Inject
    RateLimiter limiter;

    public List<String> search(String clientKey, String query) {
        Decision decision = limiter.tryAcquire("search", clientKey);      // or tryAcquire(policy, key, cost)
        if (!decision.allowed()) {
            throw RateLimitExceededException.of(decision);                 // -> 429 through the mapper
        }
        return List.of(query);
    }
}
