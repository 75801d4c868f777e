package io.jakartaredis.limiter.demo.it.concurrency;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Calls held in flight: through the interceptor ({@code bean/…}, policy {@code conc-bean}) or
 * under the filter's rule ({@code web/…}, policy {@code conc-web}); released by {@code open/…}.
 */
@Path("/conc-probe")
public class ConcurrencyProbeResource {

    @Inject
    HoldingBean bean;
    @Inject
    HeldCalls calls;

    @GET
    @Path("bean/{group}")
    @Produces(MediaType.TEXT_PLAIN)
    public String bean(@PathParam("group") String group) throws InterruptedException {
        return bean.hold(group);
    }

    @GET
    @Path("bean-fails")
    @Produces(MediaType.TEXT_PLAIN)
    public Response beanFails() {
        try {
            return Response.ok(bean.fail()).build();
        } catch (IllegalStateException e) {
            return Response.status(500).entity(e.getMessage()).build();
        }
    }

    @GET
    @Path("web/{group}")
    @Produces(MediaType.TEXT_PLAIN)
    public String web(@PathParam("group") String group) throws InterruptedException {
        return calls.hold(group);
    }

    @POST
    @Path("open/{group}")
    @Produces(MediaType.TEXT_PLAIN)
    public String open(@PathParam("group") String group) {
        calls.open(group);
        return "opened";
    }

    @GET
    @Path("in-flight/{group}")
    @Produces(MediaType.TEXT_PLAIN)
    public String inFlight(@PathParam("group") String group) {
        return Integer.toString(calls.inFlight(group));
    }
}
