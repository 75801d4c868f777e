package io.jakartaredis.limiter.demo;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.jakartaredis.limiter.RateLimited;

/** Two limits at once: a burst limit per second and a quota per hour, both per client address. */
@Path("/search")
@RequestScoped
public class SearchResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @RateLimited(policy = "search", limits = "3/1s, 20/1h")
    public String search(@QueryParam("q") String query) {
        return "no results for '" + (query == null ? "" : query.replaceAll("[^\\w ]", "")) + "'\n";
    }
}
