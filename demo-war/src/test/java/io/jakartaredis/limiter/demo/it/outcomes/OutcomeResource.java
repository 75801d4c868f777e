package io.jakartaredis.limiter.demo.it.outcomes;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimitExceededException;
import io.jakartaredis.limiter.RateLimiter;
import io.jakartaredis.limiter.keys.ClientKeys;

/** Logins, waiting calls and responses of a chosen status, each reported as text. */
@Path("/outcome")
@Produces(MediaType.TEXT_PLAIN)
public class OutcomeResource {

    @Inject
    LoginService logins;

    @Inject
    PacedService paced;

    @Inject
    RateLimiter limiter;

    @GET
    @Path("login")
    public String login(@HeaderParam("X-User") String user, @QueryParam("password") String password) {
        try {
            return logins.login(user, password);
        } catch (InvalidCredentialsException e) {
            return "invalid";
        } catch (RateLimitExceededException e) {
            return rejected(e.decision());
        }
    }

    @GET
    @Path("paced/{method}")
    public String paced(@PathParam("method") String method) {
        try {
            return method.equals("sparse") ? paced.sparse() : paced.paced();
        } catch (RateLimitExceededException e) {
            return rejected(e.decision());
        }
    }

    /** A response of the given status, for the filter's refund-status. */
    @GET
    @Path("status/{status}")
    public Response status(@PathParam("status") int status) {
        return Response.status(status).entity("status " + status).build();
    }

    /** The same, answered from another thread after 100 ms: an asynchronous request. */
    @GET
    @Path("async/{status}")
    public void asyncStatus(@PathParam("status") int status, @Suspended AsyncResponse response) {
        CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)
                .execute(() -> response.resume(Response.status(status).entity("async " + status).build()));
    }

    /** The tokens left to the client of {@code X-Client} under the policy, taking nothing: to see a refund land. */
    @GET
    @Path("remaining/{policy}")
    public String remaining(@PathParam("policy") String policy, @HeaderParam("X-Client") String client) {
        return Long.toString(limiter.peek(policy, ClientKeys.header(client)).remaining());
    }

    private static String rejected(Decision decision) {
        return "rejected " + decision.policy() + " retryAfterMillis=" + decision.retryAfterMillis();
    }
}
