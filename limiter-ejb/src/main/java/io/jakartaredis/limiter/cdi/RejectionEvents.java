package io.jakartaredis.limiter.cdi;

import java.lang.System.Logger.Level;

import jakarta.enterprise.event.Event;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimitRejected;
import io.jakartaredis.limiter.core.DecidedBy;
import io.jakartaredis.limiter.core.DecisionListener;

/** Fires {@link RateLimitRejected} for every rejection, shadow rejections included; admitted calls cost nothing here. */
final class RejectionEvents implements DecisionListener {

    private static final System.Logger LOG = System.getLogger(RejectionEvents.class.getName());

    private final Event<RateLimitRejected> event;

    RejectionEvents(Event<RateLimitRejected> event) {
        this.event = event;
    }

    @Override
    public void decided(Decision decision, String clientKey, DecidedBy decidedBy, long latencyNanos) {
        if (decision.allowed() && !decision.shadowRejected()) {
            return;
        }
        try {
            event.fire(new RateLimitRejected(decision, clientKey));
        } catch (RuntimeException e) {
            // An observer's bug must not turn a rejection into a server error.
            LOG.log(Level.WARNING, "An observer of RateLimitRejected failed for policy " + decision.policy(), e);
        }
    }

    @Override
    public void refused(String policy, long latencyNanos) {
        // not a rejection over the limit: no event
    }
}
