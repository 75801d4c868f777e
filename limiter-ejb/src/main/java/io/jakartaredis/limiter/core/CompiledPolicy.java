package io.jakartaredis.limiter.core;

import java.util.List;

import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.redis.ScriptLimits;

/** A policy with everything the hot path needs computed once: key prefix and script arguments. */
record CompiledPolicy(PolicyConfig config, String keyPrefix, ScriptLimits scriptLimits) {

    static CompiledPolicy of(PolicyConfig config, String globalPrefix) {
        return new CompiledPolicy(config, globalPrefix + config.name() + ":",
                new ScriptLimits(config.limits(), System::currentTimeMillis));
    }

    /** The script's limit arguments for a call now (a calendar limit's periods by this node's clock). */
    List<String> limitArgs() {
        return scriptLimits.args();
    }

    void checkCost(int cost) {
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1, was " + cost);
        }
        if (cost > config.smallestCapacity()) {
            throw new IllegalArgumentException("cost " + cost + " exceeds the smallest capacity of policy '"
                    + config.name() + "' (" + config + "): such a call could never pass");
        }
    }
}
