package io.jakartaredis.limiter.demo.it.beans;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimitExceededException;

/**
 * Calls one limited bean per request and reports, as text, whether the call passed or which
 * {@link RateLimitExceededException} reached the caller: proof that containers pass it unwrapped.
 */
@Path("/probe")
public class ProbeResource {

    @Inject
    StatelessCounter stateless;
    @Inject
    SingletonCounter singleton;
    @Inject
    StatefulCounter stateful;
    @Inject
    AsyncWorker async;
    @Inject
    TenantService tenants;
    @Inject
    OverriddenService overridden;
    @Inject
    InheritingGreeter inheriting;
    @Inject
    PerRequestService perRequest;

    @GET
    @Path("{kind}")
    @Produces(MediaType.TEXT_PLAIN)
    public String probe(@PathParam("kind") String kind, @QueryParam("arg") String arg) throws Exception {
        return switch (kind) {
            case "stateless" -> outcome(stateless::call);
            case "singleton" -> outcome(singleton::call);
            case "stateful" -> outcome(stateful::call);
            case "async" -> outcome(() -> unwrap(async));
            case "tenant" -> outcome(() -> tenants.serve(arg));
            case "overridden" -> outcome(overridden::call);
            case "inherited" -> outcome(inheriting::greet);
            case "per-request" -> outcome(perRequest::call);
            case "cost-reads" -> Integer.toString(CountingConfigSource.costReads());
            default -> "unknown probe " + kind;
        };
    }

    private static String unwrap(AsyncWorker worker) throws Exception {
        try {
            return worker.work().get();
        } catch (ExecutionException e) {
            // An asynchronous method reports its exception through the Future.
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static String outcome(Callable<String> call) throws Exception {
        try {
            return "allowed " + call.call();
        } catch (RateLimitExceededException e) {
            Decision d = e.decision();
            return "rejected " + d.policy() + " limit=" + d.limit() + " remaining=" + d.remaining()
                    + " retryAfterMillis=" + d.retryAfterMillis();
        }
    }
}
