package io.jakartaredis.limiter.demo.it.beans;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import io.jakartaredis.limiter.RateLimited;

/** An EJB with container-managed transactions that joins its caller's transaction. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class TransactionalEjbWriter {

    @RateLimited(policy = "tx-ejb", limits = "1/1h", key = "global")
    public String write() {
        return "written";
    }
}
