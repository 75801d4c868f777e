package io.jakartaredis.limiter.demo;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Delegates to the limited EJB; a rejection becomes 429 through the library's exception mapper. */
@Path("/quote")
public class QuoteResource {

    @Inject
    QuoteService quotes;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String quote(@QueryParam("n") @DefaultValue("0") int n) {
        return quotes.quote(n) + "\n";
    }
}
