package io.jakartaredis.limiter.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.jakartaredis.limiter.RateLimiterUnavailableException;

/**
 * Answers a {@link RateLimiterUnavailableException} from a {@code @RateLimited} resource or bean
 * (Redis cannot decide and the policy's {@code on-failure} is {@code closed}) with exactly the 503
 * that the {@link RateLimitFilter} gives: {@code Retry-After} and a problem body. Found by
 * scanning like {@link RateLimitExceededMapper}; an {@code Application} that lists its classes
 * must list this one too.
 */
@Provider
public class RateLimiterUnavailableMapper implements ExceptionMapper<RateLimiterUnavailableException> {

    @Override
    public Response toResponse(RateLimiterUnavailableException exception) {
        RateLimitResponse answer = RateLimitResponse.unavailable();
        Response.ResponseBuilder response = Response.status(answer.status());
        answer.headers().forEach(field -> response.header(field.name(), field.value()));
        return response.type(RateLimitHeaders.PROBLEM_JSON).entity(answer.problem().orElseThrow()).build();
    }
}
