package io.jakartaredis.limiter.demo.it.beans;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jakartaredis.limiter.RateLimited;

/** A {@code @Transactional} CDI bean that joins its caller's transaction. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class TransactionalWriter {

    @RateLimited(policy = "tx-cdi", limits = "1/1h", key = "global")
    public String write() {
        return "written";
    }
}
