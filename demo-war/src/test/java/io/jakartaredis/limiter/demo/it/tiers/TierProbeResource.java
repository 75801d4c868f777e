package io.jakartaredis.limiter.demo.it.tiers;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Calls a tiered bean; a rejection goes on as {@code RateLimitExceededException}, which the library's mapper answers with 429. */
@Path("/tier-probe")
public class TierProbeResource {

    @Inject
    TieredEjb ejb;
    @Inject
    TieredBean bean;

    @GET
    @Path("call/{kind}")
    @Produces(MediaType.TEXT_PLAIN)
    public String call(@PathParam("kind") String kind) {
        return "allowed " + ("ejb".equals(kind) ? ejb.call() : bean.call());
    }
}
