package io.jakartaredis.limiter.demo;

import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimiter;
import io.jakartaredis.limiter.cdi.RateLimitedExtension;
import io.jakartaredis.limiter.cdi.RequestKeys;
import io.jakartaredis.limiter.keys.KeyStrategy;

/**
 * The caller's current quota under one of the demo's policies, from {@link RateLimiter#peek}:
 * what the next call would get, taking nothing. The caller's key is computed as the filter and
 * the interceptor compute it, with the key strategy that the demo's rule or annotation gives the
 * policy, behind the same trusted proxies.
 */
@Path("/quota")
@RequestScoped
public class QuotaResource {

    /**
     * The key strategies of the demo's filter rule and {@code @RateLimited} methods, by policy,
     * hard-coded: a {@code limiter.policy.<p>.key} or {@code limiter.web.rules.<r>.key} override
     * is not seen here, nor a rule's {@code cost} (the peek is for cost 1).
     */
    private static final Map<String, KeyStrategy> KEYS = Map.of(
            "per-ip", KeyStrategy.parse("ip"),
            "per-api-key", KeyStrategy.parse("header:X-Api-Key"),
            "per-user", KeyStrategy.parse("principal"),
            "search", KeyStrategy.parse("ip"),
            "global-status", KeyStrategy.parse("global"));

    @Inject
    RateLimiter limiter;

    @Inject
    RateLimitedExtension extension;

    @Context
    HttpServletRequest request;

    @GET
    @Path("{policy}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response quota(@PathParam("policy") String policy) {
        KeyStrategy strategy = KEYS.get(policy);
        if (strategy == null) {
            return Response.status(Response.Status.NOT_FOUND)
                    .entity(Json.createObjectBuilder().add("error", "no such policy; known: " + KEYS.keySet()).build())
                    .build();
        }
        String key = new RequestKeys(extension.clientAddresses()).key(strategy, request, request.getUserPrincipal());
        if (!limiter.policy(policy).advertised()) {
            // a policy in shadow mode is not enforced: clients must not adapt to its limit
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        return Response.ok(json(limiter.peek(policy, key))).build();
    }

    /**
     * {@code reset} is in whole seconds, rounded up: when the tightest limit is full again. The
     * key is not echoed: under {@code header:} it is the caller's raw API key.
     */
    private static JsonObject json(Decision quota) {
        return Json.createObjectBuilder()
                .add("policy", quota.policy())
                .add("limit", quota.limit())
                .add("window", quota.window().toSeconds())
                .add("remaining", quota.remaining())
                .add("reset", (quota.resetAfterMillis() + 999) / 1000)
                .build();
    }
}
