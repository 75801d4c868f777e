package io.jakartaredis.limiter.metrics;

import java.util.function.ToLongFunction;

/**
 * The counters of {@link PolicyStats} as published to a server's metrics API: one name, at most
 * one tag besides {@code policy}, and the counter it shows. Names are dotted, as both MicroProfile
 * Metrics and Micrometer write them; their Prometheus output turns dots into {@code _} and appends
 * {@code _total}.
 */
public enum PublishedCounter {

    ADMITTED("ratelimit.decisions", "outcome", "admitted", PublishedCounter.DECISIONS, PolicyStats::getAdmitted),
    REJECTED("ratelimit.decisions", "outcome", "rejected", PublishedCounter.DECISIONS, PolicyStats::getRejected),
    REFUSED("ratelimit.decisions", "outcome", "refused", PublishedCounter.DECISIONS, PolicyStats::getRefused),
    SHADOW_REJECTED("ratelimit.shadow.rejected", null, null,
            "Calls of a shadow policy that proceeded although it would have rejected them", PolicyStats::getShadowRejected),
    REJECTED_LOCALLY("ratelimit.rejected.locally", null, null, "Rejections the deny cache answered without asking Redis",
            PolicyStats::getRejectedLocally),
    FAILURES("ratelimit.failures", null, null, "Decisions made by the failure policy because Redis could not decide",
            PolicyStats::getFailures),
    REFUNDED("ratelimit.refunds", "result", "taken", "Refunds, by whether Redis took them", PolicyStats::getRefunded),
    REFUNDS_LOST("ratelimit.refunds", "result", "lost", "Refunds, by whether Redis took them", PolicyStats::getRefundsLost),
    SLOTS_ACQUIRED("ratelimit.slots.acquired", null, null, "Admitted calls that took a concurrency slot",
            PolicyStats::getSlotsAcquired),
    RELEASED("ratelimit.slot.releases", "result", "freed", "Slot releases, by what became of them", PolicyStats::getReleased),
    RELEASES_LOST("ratelimit.slot.releases", "result", "lost", "Slot releases, by what became of them",
            PolicyStats::getReleasesLost),
    LEASES_EXPIRED("ratelimit.slot.releases", "result", "expired", "Slot releases, by what became of them",
            PolicyStats::getLeasesExpired);

    /** One description per name: MicroProfile Metrics refuses two descriptions of one name. */
    private static final String DECISIONS = "Decisions by outcome: admitted (shadow rejections included), rejected over"
            + " the limit, or refused by the failure policy closed";

    /** The decision-latency histogram's name, in nanoseconds as recorded. */
    public static final String DECISION_DURATION = "ratelimit.decision.duration";
    /** The gauge of concurrency slots this node holds. */
    public static final String SLOTS_IN_FLIGHT = "ratelimit.slots.in.flight";
    /** The tag every published meter carries. */
    public static final String POLICY_TAG = "policy";

    private final String metricName;
    private final String tagKey;
    private final String tagValue;
    private final String description;
    private final ToLongFunction<PolicyStats> value;

    PublishedCounter(String metricName, String tagKey, String tagValue, String description,
            ToLongFunction<PolicyStats> value) {
        this.metricName = metricName;
        this.tagKey = tagKey;
        this.tagValue = tagValue;
        this.description = description;
        this.value = value;
    }

    public String metricName() {
        return metricName;
    }

    /** The tag that tells this counter from the others of its name, or {@code null} when it has its name alone. */
    public String tagKey() {
        return tagKey;
    }

    public String tagValue() {
        return tagValue;
    }

    public String description() {
        return description;
    }

    /** The counter's value in a policy's statistics. */
    public long valueIn(PolicyStats stats) {
        return value.applyAsLong(stats);
    }

    /** Whether a policy has this counter: the shadow rejections only where the policy runs in shadow mode. */
    public boolean appliesTo(PolicyStats stats) {
        return this != SHADOW_REJECTED || stats.getMode().equals("shadow");
    }
}
