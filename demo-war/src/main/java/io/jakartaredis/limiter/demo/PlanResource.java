package io.jakartaredis.limiter.demo;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/plan/report?work=<ms>}: a report under the demo's plan (a rate limit, a calendar
 * quota, a concurrency limit and a gold tier); over any of them, 429 through the library's
 * exception mapper.
 */
@Path("/plan")
public class PlanResource {

    @Inject
    PlanService plan;

    @GET
    @Path("report")
    @Produces(MediaType.TEXT_PLAIN)
    public String report(@QueryParam("work") @DefaultValue("0") long workMillis) throws InterruptedException {
        return plan.report(workMillis);
    }
}
