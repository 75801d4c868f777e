package io.jakartaredis.limiter.demo.it.ear;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The EAR's WAR module: calls the EJB module, and one endpoint limited by the filter alone. */
@Path("/")
public class EarResource {

    @EJB
    EarQuoteService quotes;

    @GET
    @Path("quote")
    @Produces(MediaType.TEXT_PLAIN)
    public String quote() {
        return quotes.quote();
    }

    @GET
    @Path("ping")
    @Produces(MediaType.TEXT_PLAIN)
    public String ping() {
        return "pong";
    }
}
