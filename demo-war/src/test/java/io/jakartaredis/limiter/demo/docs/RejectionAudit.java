package io.jakartaredis.limiter.demo.docs;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.jakartaredis.limiter.RateLimitRejected;

/** Logs every enforced rejection, from the {@code RateLimitRejected} event. */
@ApplicationScoped
public class RejectionAudit {

    private static final Logger LOG = Logger.getLogger(RejectionAudit.class.getName());

    void onRejected(@Observes RateLimitRejected rejected) {
        if (rejected.shadow()) return;   // a dry run: the call was allowed
        LOG.info(() -> "policy " + rejected.decision().policy() + " rejected " + rejected.clientKey()
                + ", retry after " + rejected.decision().retryAfterSeconds() + " s");
    }
}
