package io.jakartaredis.limiter.core;

/** Who made a decision: what an operator needs to tell Redis's answers from local ones. */
public enum DecidedBy {

    /** The script in Redis. */
    REDIS,

    /** This node's deny cache, repeating a rejection of Redis that still holds, without asking Redis. */
    DENY_CACHE,

    /** The failure policy ({@code open} or {@code local}), because Redis could not decide. */
    FAILURE_POLICY
}
