package io.jakartaredis.limiter.demo.docs;

import jakarta.enterprise.context.ApplicationScoped;

import io.jakartaredis.limiter.RateLimited;

/** At most 4 reports of one user in flight, on every node together. */
@ApplicationScoped
public class ReportService {

    @RateLimited(policy = "reports", concurrency = 4, leaseTimeout = "2m", key = "principal")
    public Report build(ReportRequest request) {
        return new Report(request.title());
    }
}
