package io.jakartaredis.limiter.cdi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimitRejected;
import io.jakartaredis.limiter.core.DecidedBy;

class RejectionEventsTest {

    /** An {@link Event} that hands what is fired to a consumer. */
    private record FakeEvent(Consumer<RateLimitRejected> observer) implements Event<RateLimitRejected> {
        @Override
        public void fire(RateLimitRejected event) {
            observer.accept(event);
        }

        @Override
        public <U extends RateLimitRejected> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends RateLimitRejected> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<RateLimitRejected> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends RateLimitRejected> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends RateLimitRejected> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }

    private static Decision decision(boolean allowed) {
        return new Decision("api", allowed, 5, Duration.ofMinutes(1), 0, allowed ? 0 : 12_000, 60_000);
    }

    @Test
    void firesOnlyForRejectionsWithTheDecisionAndTheSafeKey() {
        List<RateLimitRejected> observed = new ArrayList<>();
        RejectionEvents events = new RejectionEvents(new FakeEvent(observed::add));
        events.decided(decision(true), "ip:10.0.0.1", DecidedBy.REDIS, 1);
        events.refused("api", 1);
        events.decided(decision(false), "ip:10.0.0.1", DecidedBy.REDIS, 1);
        assertEquals(List.of(new RateLimitRejected(decision(false), "ip:10.0.0.1")), observed);
    }

    @Test
    void firesForShadowRejectionsSayingSo() {
        List<RateLimitRejected> observed = new ArrayList<>();
        RejectionEvents events = new RejectionEvents(new FakeEvent(observed::add));
        Decision shadowRejected = new Decision("api", true, 5, Duration.ofMinutes(1), 0, 12_000, 60_000, 0, true, false);
        events.decided(shadowRejected, "ip:10.0.0.1", DecidedBy.DENY_CACHE, 1);
        events.decided(decision(false), "ip:10.0.0.2", DecidedBy.REDIS, 1);
        assertEquals(List.of(true, false), observed.stream().map(RateLimitRejected::shadow).toList());
        assertEquals(shadowRejected, observed.get(0).decision());
    }

    @Test
    void aFailingObserverDoesNotChangeTheDecision() {
        RejectionEvents events = new RejectionEvents(new FakeEvent(e -> {
            throw new IllegalStateException("observer bug");
        }));
        assertDoesNotThrow(() -> events.decided(decision(false), "ip:10.0.0.1", DecidedBy.REDIS, 1));
    }
}
