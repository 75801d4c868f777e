package io.jakartaredis.limiter.redis;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The ARGV of one {@code token_bucket.lua} call: its four leading arguments followed by the
 * policy's limit arguments, which {@link ScriptLimits} keeps. A view rather than a copy, so that
 * a decision builds no list of its own; immutable.
 */
final class ScriptArguments extends AbstractList<String> implements RandomAccess {

    /** Costs up to this are written from a table: nearly every call costs 1. */
    private static final int TABULATED_COSTS = 64;
    private static final String[] COSTS = new String[TABULATED_COSTS + 1];

    static {
        for (int cost = 0; cost <= TABULATED_COSTS; cost++) {
            COSTS[cost] = Integer.toString(cost);
        }
    }

    private static final int LEADING = 4;

    private final String cost;
    private final String now;
    private final String operation;
    private final String concurrency;
    private final List<String> limitArgs;

    ScriptArguments(int cost, String now, String operation, String concurrency, List<String> limitArgs) {
        this.cost = cost >= 0 && cost <= TABULATED_COSTS ? COSTS[cost] : Integer.toString(cost);
        this.now = now;
        this.operation = operation;
        this.concurrency = concurrency;
        this.limitArgs = limitArgs;
    }

    @Override
    public String get(int index) {
        return switch (index) {
            case 0 -> cost;
            case 1 -> now;
            case 2 -> operation;
            case 3 -> concurrency;
            default -> {
                if (index < 0 || index >= size()) {
                    throw new IndexOutOfBoundsException("index " + index + " of " + size() + " arguments");
                }
                yield limitArgs.get(index - LEADING);
            }
        };
    }

    @Override
    public int size() {
        return LEADING + limitArgs.size();
    }
}
