package io.jakartaredis.limiter.demo.it.shadow;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.jakartaredis.limiter.RateLimitExceededException;
import io.jakartaredis.limiter.metrics.PolicyMBeans;

/** Calls a shadowed bean, or reports a policy's MBean counts and the events its observer heard, as text. */
@Path("/shadow-probe")
public class ShadowProbeResource {

    @Inject
    ShadowedEjb ejb;
    @Inject
    ShadowedBean bean;
    @Inject
    RejectionCounter events;

    @GET
    @Path("call/{kind}")
    @Produces(MediaType.TEXT_PLAIN)
    public String call(@PathParam("kind") String kind) {
        try {
            return "allowed " + ("ejb".equals(kind) ? ejb.call() : bean.call());
        } catch (RateLimitExceededException e) {
            return "rejected " + e.decision().policy();
        }
    }

    @GET
    @Path("stats/{policy}")
    @Produces(MediaType.TEXT_PLAIN)
    public String stats(@PathParam("policy") String policy) throws JMException, NamingException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = PolicyMBeans.name((String) new InitialContext().lookup("java:app/AppName"), policy);
        return "mode=" + server.getAttribute(name, "Mode")
                + " admitted=" + server.getAttribute(name, "Admitted")
                + " rejected=" + server.getAttribute(name, "Rejected")
                + " shadowRejected=" + server.getAttribute(name, "ShadowRejected")
                + " shadowEvents=" + events.count(policy, true)
                + " enforcedEvents=" + events.count(policy, false);
    }
}
