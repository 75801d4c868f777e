package io.jakartaredis.limiter.web;

import java.util.List;

import io.jakartaredis.limiter.config.PolicyConfig;

/**
 * What the header fields and the problem body of a policy, as one tier applies it, say that does
 * not change from one request to the next: its {@code RateLimit-Policy} items, its quota items'
 * names as sf-strings, and the body of a rejection by each of them but for the retry-after. Each
 * part is built at its first use (a name that a field cannot carry fails there, as it always did)
 * and kept for as long as this object: {@link TierViews} keeps one per tier for the application's
 * lifetime, so a new configuration, which comes with a new deployment, builds new ones.
 *
 * <p>Thread-safe: a part built by two threads at once is built twice, alike, and either is kept;
 * each is immutable, so a thread that reads it unsynchronized sees it whole.
 */
final class QuotaItems {

    private final PolicyConfig policy;
    private final String tier;
    private String policyField;
    /** By limit index, the concurrency limit's after the last bucket limit's. */
    private final String[] quotedNames;
    private final ProblemDetails.Template[] problems;

    /** @param tier the tier that applies the policy so, whose name a rejection's problem body tells */
    QuotaItems(PolicyConfig policy, String tier) {
        this.policy = policy;
        this.tier = tier;
        this.quotedNames = new String[policy.limits().size() + 1];
        this.problems = new ProblemDetails.Template[policy.limits().size() + 1];
    }

    /** {@code "api-1";q=10;w=1, "api-2";q=1000;w=3600}, as {@link QuotaFields#policyField} builds it for this policy alone. */
    String policyField() {
        String field = policyField;
        if (field == null) {
            field = QuotaFields.policyField(List.of(policy));
            policyField = field;
        }
        return field;
    }

    /** {@code "api-2"}: the name of the quota item of the limit at {@code limitIndex}, as an sf-string. */
    String quotedName(int limitIndex) {
        String name = quotedNames[limitIndex];
        if (name == null) {
            name = StructuredFields.string(QuotaFields.itemName(policy, limitIndex));
            quotedNames[limitIndex] = name;
        }
        return name;
    }

    /** The problem body of {@code rejection}, which this policy decided, telling {@code retryAfterSeconds}. */
    String problem(PolicyDecision rejection, long retryAfterSeconds) {
        if (!tier.equals(rejection.decision().tier())) {
            return ProblemDetails.quotaExceeded(rejection, retryAfterSeconds); // a tier this view is not of: its own words
        }
        int index = rejection.limitIndex();
        ProblemDetails.Template template = problems[index];
        if (template == null) {
            template = ProblemDetails.template(rejection);
            problems[index] = template;
        }
        return template.body(rejection, retryAfterSeconds);
    }
}
