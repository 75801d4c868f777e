package io.jakartaredis.limiter.core;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.config.TierConfigReader;

/**
 * Logs the calls of one policy that named a tier it does not have, and so were limited by its own
 * limits: the first at once, then at most one WARNING per interval, counting the calls since the
 * previous line. A tier name comes from a resolver that may pass on what a client sent, so only a
 * name that a tier could have is shown, at most 64 characters; never a client key. Lock-free
 * ({@link LogInterval}).
 */
final class UnknownTierLog {

    static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final System.Logger LOG = System.getLogger(UnknownTierLog.class.getName());
    private static final Pattern SHOWABLE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final PolicyConfig policy;
    private final LogInterval lines;
    private final System.Logger log;

    UnknownTierLog(PolicyConfig policy, Duration interval, LongSupplier nanoClock) {
        this(LOG, policy, interval, nanoClock);
    }

    UnknownTierLog(System.Logger log, PolicyConfig policy, Duration interval, LongSupplier nanoClock) {
        this.log = log;
        this.policy = policy;
        this.lines = new LogInterval(interval, nanoClock);
    }

    /** A call that named {@code tier}, which the policy does not have. */
    void called(String tier) {
        long calls = lines.eventDueForLine();
        if (calls == 0) {
            return;
        }
        log.log(Level.WARNING, "Policy '" + policy.name() + "' has no tier " + shown(tier) + " (tiers: "
                + new TreeSet<>(policy.tiers().keySet()) + "): the policy's own limits applied instead, to " + calls
                + (calls == 1 ? " call" : " calls") + " naming unknown tiers since the previous such warning; fix the "
                + "tier resolver (" + TierConfigReader.resolverProperty(policy.name()) + ") or configure limiter.policy."
                + policy.name() + ".tiers.<tier>.limits");
    }

    private static String shown(String tier) {
        return SHOWABLE.matcher(tier).matches() ? "'" + tier + "'"
                : "named by " + tier.length() + " characters that no tier name can have";
    }
}
