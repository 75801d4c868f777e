package io.jakartaredis.limiter.demo;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.jakartaredis.limiter.RateLimited;

/**
 * A CDI resource limited per caller principal (anonymous callers per address), and one endpoint
 * that every caller shares.
 */
@Path("/")
@RequestScoped
public class ReportResource {

    @GET
    @Path("report")
    @Produces(MediaType.TEXT_PLAIN)
    @RateLimited(policy = "per-user", limits = "3/1m", key = "principal")
    public String report() {
        return "report for you from " + NodeName.current() + "\n";
    }

    @GET
    @Path("status")
    @Produces(MediaType.TEXT_PLAIN)
    @RateLimited(policy = "global-status", limits = "100/1m", key = "global")
    public String status() {
        return "ok from " + NodeName.current() + "\n";
    }
}
