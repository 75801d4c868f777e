package io.jakartaredis.limiter.demo;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Limited by the servlet filter alone: rule {@code hello} maps {@code /api/hello} to policy
 * {@code per-ip}, 10 requests per 60 s per client address, as the Go middleware had.
 */
@Path("/hello")
public class HelloResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String hello() {
        return "hello from " + NodeName.current() + "\n";
    }
}
