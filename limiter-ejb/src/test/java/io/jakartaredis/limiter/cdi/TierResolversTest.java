package io.jakartaredis.limiter.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;

import jakarta.enterprise.context.ContextNotActiveException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.LogCapture;
import io.jakartaredis.limiter.TierContext;
import io.jakartaredis.limiter.TierResolver;

/** The tier of a call: the shared resolver's lifecycle for tiers, and a resolver that throws. */
class TierResolversTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    private final List<String> created = new ArrayList<>();
    private final List<String> destroyed = new ArrayList<>();
    /** What the next resolver call does: answer a tier or throw. */
    private final AtomicReference<Supplier<String>> answer = new AtomicReference<>(() -> "gold");
    private final long[] nanos = {0};

    private SharedResolvers.Resolved<TierResolver> create(Class<? extends TierResolver> type) {
        String name = "resolver-" + (created.size() + 1);
        created.add(name);
        return new SharedResolvers.Resolved<>(call -> answer.get().get(), () -> destroyed.add(name));
    }

    private TierResolvers resolvers() {
        return new TierResolvers(policy -> policy.equals("api") ? PlanTier.class : null, this::create,
                new TierResolverFailureLog(System.getLogger(TierResolverFailureLog.class.getName()), Duration.ofMinutes(1),
                        () -> nanos[0]));
    }

    /** Stands for the application's resolver class. */
    interface PlanTier extends TierResolver {
    }

    private static final Supplier<TierContext> NO_CONTEXT = () -> {
        throw new AssertionError("a policy without tiers makes no call context");
    };

    @Test
    void aDependentTierResolverIsCreatedOnceAndDestroyedAtStopThenPerCall() {
        TierResolvers resolvers = resolvers();
        assertEquals("gold", resolvers.tierOf("api", () -> null));
        assertEquals("gold", resolvers.tierOf("api", () -> null));
        assertEquals(List.of("resolver-1"), created, "looked up once");
        resolvers.destroyDependentResolvers();
        assertEquals(List.of("resolver-1"), destroyed);
        assertEquals("gold", resolvers.tierOf("api", () -> null));
        assertEquals(List.of("resolver-1", "resolver-2"), destroyed, "after stop, none outlives its call");
    }

    @Test
    void aPolicyWithoutTiersNeverAsksAResolver() {
        assertEquals(Decision.DEFAULT_TIER, resolvers().tierOf("other", NO_CONTEXT));
        assertTrue(created.isEmpty());
    }

    @Test
    void aThrowingResolverGivesTheDefaultTierWithOneWarningPerMinuteNamingItsClassNeverTheKey() {
        TierResolvers resolvers = resolvers();
        answer.set(() -> {
            throw new IllegalStateException("plans database down");
        });
        assertEquals(Decision.DEFAULT_TIER, resolvers.tierOf("api", () -> null));
        answer.set(() -> {
            throw new ContextNotActiveException("WELD-001303: No active contexts for scope type RequestScoped");
        });
        nanos[0] = Duration.ofSeconds(59).toNanos();
        assertEquals(Decision.DEFAULT_TIER, resolvers.tierOf("api", () -> null), "a request-scoped resolver in a timer");
        var warnings = log.at(Level.WARNING);
        assertEquals(1, warnings.size(), String.join("", warnings));
        assertTrue(warnings.get(0).contains("Tier resolver " + PlanTier.class.getName()
                + " threw java.lang.IllegalStateException: plans database down for policy 'api': the policy's own limits "
                + "(the default tier) decided 1 call"), warnings.get(0));
        nanos[0] = Duration.ofSeconds(60).toNanos();
        assertEquals(Decision.DEFAULT_TIER, resolvers.tierOf("api", () -> null));
        warnings = log.at(Level.WARNING);
        assertEquals(2, warnings.size());
        assertTrue(warnings.get(1).contains("ContextNotActiveException") && warnings.get(1).contains("decided 2 calls"),
                warnings.get(1));
        answer.set(() -> "gold");
        assertEquals("gold", resolvers.tierOf("api", () -> null), "the same resolver answers again once it can");
        assertEquals(1, created.size());
    }

    @Test
    void aCallContextThatCannotBeMadeGivesTheDefaultTierToo() {
        TierResolvers resolvers = resolvers();
        answer.set(() -> null);
        assertEquals(Decision.DEFAULT_TIER, resolvers.tierOf("api", () -> null), "null: the default tier");
        assertFalse(log.all().contains("Tier resolver"));
        Supplier<TierContext> failing = () -> {
            throw new ContextNotActiveException("no request");
        };
        TierResolvers asking = new TierResolvers(policy -> PlanTier.class,
                type -> new SharedResolvers.Resolved<>(call -> "gold", null),
                new TierResolverFailureLog(() -> 0L));
        assertEquals(Decision.DEFAULT_TIER, asking.tierOf("api", failing));
        assertTrue(log.all().contains("ContextNotActiveException: no request"), log.all());
    }
}
