package io.jakartaredis.limiter.demo.it.beans;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jakartaredis.limiter.RateLimited;

/**
 * Demands a transaction, and is called without one: the transaction interceptor fails every call
 * that reaches it, so a rejection that reaches the caller was decided before it.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class MandatoryTransactionWriter {

    @RateLimited(policy = "tx-mandatory", limits = "1/1h", key = "global")
    public String write() {
        return "written";
    }
}
