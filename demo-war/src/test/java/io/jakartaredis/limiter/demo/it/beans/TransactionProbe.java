package io.jakartaredis.limiter.demo.it.beans;

import java.util.function.Supplier;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.jakartaredis.limiter.RateLimitExceededException;

/**
 * In one transaction of its own, calls a limited transactional bean twice (admitted, then
 * rejected and caught), then commits; reports each outcome, the status before the commit and
 * whether the commit succeeded.
 */
@Path("/tx")
public class TransactionProbe {

    @Resource
    UserTransaction transaction;
    @Inject
    TransactionalWriter cdi;
    @Inject
    TransactionalEjbWriter ejb;
    @Inject
    MandatoryTransactionWriter mandatory;

    @GET
    @Path("{kind}")
    @Produces(MediaType.TEXT_PLAIN)
    public String probe(@PathParam("kind") String kind) throws Exception {
        Supplier<String> write = kind.equals("ejb") ? ejb::write : cdi::write;
        transaction.begin();
        String outcomes = outcome(write) + " " + outcome(write);
        String status = transaction.getStatus() == Status.STATUS_ACTIVE ? "active" : "status " + transaction.getStatus();
        try {
            transaction.commit();
            return outcomes + ", " + status + ", committed";
        } catch (RollbackException e) {
            return outcomes + ", " + status + ", rolled back";
        }
    }

    /** Without a transaction: the second call's outcome tells which interceptor came first. */
    @GET
    @Path("mandatory")
    @Produces(MediaType.TEXT_PLAIN)
    public String mandatory() {
        return outcome(mandatory::write) + " " + outcome(mandatory::write);
    }

    private static String outcome(Supplier<String> write) {
        try {
            return write.get();
        } catch (RateLimitExceededException e) {
            return "rejected";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }
}
