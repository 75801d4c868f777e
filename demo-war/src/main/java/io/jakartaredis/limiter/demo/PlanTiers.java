package io.jakartaredis.limiter.demo;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.jakartaredis.limiter.TierResolver;
import io.jakartaredis.limiter.TierContext;

/**
 * The plan of each API key, as an application would look it up in its customer database and
 * cache it: here a fixed map. The tier follows from the key the server knows, never from a plan
 * name that the client sends. Keys not listed are on the policy's own limits, the free plan.
 */
@ApplicationScoped
public class PlanTiers implements TierResolver {

    private static final String API_KEY = "X-Api-Key";
    private static final Map<String, String> PLAN_OF_KEY = Map.of("demo-gold-key", "gold");

    @Override
    public String resolve(TierContext call) {
        return call.header(API_KEY).map(PLAN_OF_KEY::get).orElse(null);
    }
}
