package io.jakartaredis.limiter.cdi;

import java.util.List;

/**
 * Which outcomes of a limited method's call count, from {@code @RateLimited(countOn, refundOn)}
 * or {@code limiter.policy.<name>.count-on}, {@code .refund-on}. A call that does not count gets
 * its tokens back after it ran.
 *
 * @param countOn  when not empty, only calls throwing one of these (or a subclass) count
 * @param refundOn calls throwing one of these (or a subclass) never count; wins over {@code countOn}
 */
record CountedOutcomes(List<Class<? extends Throwable>> countOn, List<Class<? extends Throwable>> refundOn) {

    /** Every call counts, whatever its outcome. */
    static final CountedOutcomes EVERY = new CountedOutcomes(List.of(), List.of());

    CountedOutcomes {
        countOn = List.copyOf(countOn);
        refundOn = List.copyOf(refundOn);
    }

    /** Whether some outcome gives the tokens back; if not, the call's outcome need not be looked at. */
    boolean mayRefund() {
        return !countOn.isEmpty() || !refundOn.isEmpty();
    }

    /** @param thrown what the call threw, or {@code null} when it returned */
    boolean refunds(Throwable thrown) {
        if (thrown == null) {
            return !countOn.isEmpty();
        }
        boolean refundedType = isOneOf(thrown, refundOn);
        return refundedType || !countOn.isEmpty() && !isOneOf(thrown, countOn);
    }

    private static boolean isOneOf(Throwable thrown, List<Class<? extends Throwable>> types) {
        return types.stream().anyMatch(type -> type.isInstance(thrown));
    }
}
