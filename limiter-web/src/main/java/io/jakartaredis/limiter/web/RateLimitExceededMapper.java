package io.jakartaredis.limiter.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.ConfigProvider;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimitExceededException;
import io.jakartaredis.limiter.RateLimiter;
import io.jakartaredis.limiter.cdi.MicroProfileConfigValues;

/**
 * Answers a {@link RateLimitExceededException} from a {@code @RateLimited} resource or bean with
 * exactly the 429 that the {@link RateLimitFilter} gives: the same header fields, {@code Retry-After}
 * and problem body. When the request is served on this thread, the {@code RateLimit} fields are
 * set on its servlet response, with the request's other decisions ({@link ResponseFields}), and
 * the JAX-RS response adds {@code Retry-After} and the body.
 *
 * <p>JAX-RS finds it by scanning: Jersey (Payara, GlassFish) and RESTEasy (WildFly) scan the
 * classes of {@code WEB-INF/lib} jars for {@code @Provider}, which includes this one whenever the
 * application's {@code Application} subclass returns no classes and no singletons (the usual empty
 * {@code @ApplicationPath} class). An application that lists its classes must list this one too.
 * It needs no {@code beans.xml}: the container may create it without CDI, so it looks the rate
 * limiter up in CDI when first needed rather than have it injected.
 */
@Provider
public class RateLimitExceededMapper implements ExceptionMapper<RateLimitExceededException> {

    private volatile RateLimiter limiter;
    /** Each policy's tier views, for as long as {@link #limiter}: the application's. */
    private final Map<String, TierViews> tierViews = new ConcurrentHashMap<>();
    private volatile Boolean legacyHeaders;

    @Override
    public Response toResponse(RateLimitExceededException exception) {
        Decision decision = exception.decision();
        PolicyDecision rejection = tierViews(decision.policy()).decided(decision);
        RateLimitResponse answer = RateLimitResponse.rejected(rejection, legacyHeaders());
        boolean onServletResponse = onServletResponse(rejection);
        Response.ResponseBuilder response = Response.status(answer.status());
        answer.headers().stream()
                .filter(field -> !onServletResponse || field.name().equals(RateLimitHeaders.RETRY_AFTER))
                .forEach(field -> response.header(field.name(), field.value()));
        return response.type(RateLimitHeaders.PROBLEM_JSON).entity(answer.problem().orElseThrow()).build();
    }

    /**
     * Whether the servlet response of the request that this thread serves carries the rejection's
     * fields already, the interceptor having told of it, or now: then the JAX-RS response must not
     * carry them too, for RESTEasy adds its headers to those of the servlet response (Jersey
     * replaces them), which would send two {@code RateLimit} fields. Outside a request served on
     * this thread (a resumed asynchronous response) the JAX-RS response carries them all.
     */
    private boolean onServletResponse(PolicyDecision rejection) {
        if (CurrentResponse.response() == null) {
            return false;
        }
        try {
            ResponseFields fields = CurrentResponse.fields(legacyHeaders());
            fields.add(rejection);
            return fields.describes(rejection);
        } catch (RuntimeException refused) {
            // a response that refuses headers must not turn the 429 into a 500: the JAX-RS response carries them
            return false;
        }
    }

    /** The policy's views, made at its first rejection: the fields describe the limits of the tier that decided. */
    private TierViews tierViews(String policy) {
        return tierViews.computeIfAbsent(policy, name -> new TierViews(limiter().policy(name)));
    }

    private RateLimiter limiter() {
        if (limiter == null) {
            limiter = CDI.current().select(RateLimiter.class).get();
        }
        return limiter;
    }

    /** Validated when the application started (by {@link RateLimitFilterInitializer}); read once here. */
    private boolean legacyHeaders() {
        if (legacyHeaders == null) {
            legacyHeaders = WebConfigReader.legacyHeaders(new MicroProfileConfigValues(ConfigProvider.getConfig()));
        }
        return legacyHeaders;
    }
}
