package io.jakartaredis.limiter.demo.docs;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** The resource of {@link ShopApplication}: its calls of the limited bean may answer 429. */
@Path("quote")
public class ShopResource {

    @Inject
    QuoteService quotes;

    @GET
    public String quote(@QueryParam("index") int index) {
        return quotes.quote(index);
    }
}
