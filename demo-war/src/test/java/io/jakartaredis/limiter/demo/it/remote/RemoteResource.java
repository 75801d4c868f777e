package io.jakartaredis.limiter.demo.it.remote;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Calls {@link RemoteCounter} through its remote interface and lets a rejection reach the JAX-RS
 * mapper, which must answer 429 from the decision that crossed the remote call.
 */
@Path("/remote")
public class RemoteResource {

    @EJB
    RemoteCounter counter;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String call() {
        return counter.call();
    }
}
