package io.jakartaredis.limiter.core;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.PolicyConfig;

/**
 * Lets the calls that a policy in shadow mode would reject proceed: the decision becomes allowed,
 * marked {@link Decision#shadowRejected()}, with the rejection's numbers and no tokens taken, and
 * is logged, at most one line per policy per interval ({@link ShadowLog}). Whoever decided
 * (Redis, the deny cache, a local bucket) decided exactly as for an enforced policy, so the
 * bucket in Redis is the same in both modes.
 */
final class ShadowMode {

    private static final System.Logger LOG = System.getLogger(ShadowMode.class.getName());

    private final Map<String, ShadowLog> logs;

    ShadowMode(LimiterConfig config, Duration logInterval, LongSupplier nanoClock) {
        this.logs = config.policies().values().stream().filter(PolicyConfig::shadow)
                .collect(Collectors.toUnmodifiableMap(PolicyConfig::name, p -> new ShadowLog(LOG, p, logInterval, nanoClock)));
    }

    /**
     * The decision the caller gets: {@code decision} itself unless its policy is in shadow mode
     * and it is a rejection. One boolean check for an enforced policy.
     *
     * @param clientKey the client key in its safe form, for the log
     */
    Decision apply(PolicyConfig policy, Decision decision, String clientKey) {
        if (!policy.shadow() || decision.allowed()) {
            return decision;
        }
        logs.get(policy.name()).wouldHaveRejected(decision, clientKey);
        // A rejection holds no slot: the call proceeds without one, and has nothing to release.
        return new Decision(decision.policy(), true, decision.limit(), decision.window(), decision.remaining(),
                decision.retryAfterMillis(), decision.resetAfterMillis(), decision.limitIndex(), true, false,
                decision.tier(), null, decision.freeSlots());
    }

    /** Logs the shadow rejections not yet summarised, at close. */
    void flush() {
        logs.values().forEach(ShadowLog::flush);
    }

    /** Says once, at startup, which policies are in shadow mode, if any. */
    static void logShadowPolicies(LimiterConfig config) {
        List<String> shadow = config.policies().values().stream().filter(PolicyConfig::shadow)
                .map(PolicyConfig::name).sorted().toList();
        if (!shadow.isEmpty()) {
            LOG.log(Level.INFO, "Policies " + shadow + " are in shadow mode (mode=shadow): calls over their limits "
                    + "proceed, counted as ShadowRejected and logged, while their buckets are kept as when enforced");
        }
    }
}
