package io.jakartaredis.limiter.core;

import java.util.ArrayList;
import java.util.List;

import io.jakartaredis.limiter.Decision;

/** Records what a {@link RedisRateLimiter} tells its listener, one line per event, e.g. {@code rejected ip:1 without Redis}. */
final class RecordingListener implements DecisionListener {

    final List<String> heard = new ArrayList<>();

    @Override
    public void decided(Decision decision, String clientKey, DecidedBy decidedBy, long latencyNanos) {
        heard.add((decision.allowed() ? "allowed " : "rejected ") + clientKey + switch (decidedBy) {
            case REDIS -> "";
            case DENY_CACHE -> " by the deny cache";
            case FAILURE_POLICY -> " without Redis";
        });
    }

    @Override
    public void refused(String policy, long latencyNanos) {
        heard.add("refused " + policy);
    }
}
