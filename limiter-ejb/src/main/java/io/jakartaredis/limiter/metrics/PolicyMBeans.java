package io.jakartaredis.limiter.metrics;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers one MBean per policy, {@code io.jakartaredis.limiter:type=Policy,app=<application>,name=<policy>}
 * ({@code app} left out when unknown), and unregisters them on {@link #close()}. When two
 * applications on one server register the same name, the later one adds {@code instance=<n>}
 * and logs it, rather than failing or hiding its counters.
 */
public final class PolicyMBeans implements AutoCloseable {

    public static final String DOMAIN = "io.jakartaredis.limiter";
    private static final System.Logger LOG = System.getLogger(PolicyMBeans.class.getName());
    private static final int MAX_INSTANCES = 100;

    private final MBeanServer server;
    private final List<ObjectName> registered = new ArrayList<>();

    private PolicyMBeans(MBeanServer server) {
        this.server = server;
    }

    /**
     * @param application the application or module name, or {@code null} when unknown
     */
    public static PolicyMBeans register(MBeanServer server, String application, LimiterMetrics metrics) {
        PolicyMBeans beans = new PolicyMBeans(server);
        metrics.all().values().forEach(stats -> beans.register(application, stats));
        return beans;
    }

    /** The name of a policy's MBean, without an instance number. */
    public static ObjectName name(String application, String policy) {
        return name(application, policy, 1);
    }

    private static ObjectName name(String application, String policy, int instance) {
        String app = application == null || application.isBlank() ? "" : ",app=" + ObjectName.quote(application);
        String suffix = instance == 1 ? "" : ",instance=" + instance;
        try {
            // Policy names are letters, digits, '-' and '_': no quoting needed, and none is wanted in the name.
            return new ObjectName(DOMAIN + ":type=Policy" + app + ",name=" + policy + suffix);
        } catch (JMException e) {
            throw new IllegalArgumentException("no valid MBean name for policy '" + policy + "'", e);
        }
    }

    private void register(String application, PolicyStats stats) {
        for (int instance = 1; instance <= MAX_INSTANCES; instance++) {
            ObjectName name = name(application, stats.getPolicy(), instance);
            try {
                server.registerMBean(stats, name);
                registered.add(name);
                if (instance > 1) {
                    LOG.log(Level.WARNING, "MBean {0} was taken by another application; registered {1} instead",
                            name(application, stats.getPolicy()), name);
                }
                return;
            } catch (InstanceAlreadyExistsException taken) {
                // another application (or a redeployment not yet cleaned up) has it: try the next instance
            } catch (JMException e) {
                LOG.log(Level.WARNING, "Cannot register the MBean of policy " + stats.getPolicy(), e);
                return;
            }
        }
        LOG.log(Level.WARNING, "No free MBean name for policy {0} after {1} instances", stats.getPolicy(), MAX_INSTANCES);
    }

    /** The names registered, in order. */
    public List<ObjectName> names() {
        return List.copyOf(registered);
    }

    @Override
    public void close() {
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            } catch (InstanceNotFoundException gone) {
                LOG.log(Level.DEBUG, "MBean {0} was already unregistered", name);
            } catch (JMException e) {
                LOG.log(Level.WARNING, "Cannot unregister MBean " + name, e);
            }
        }
        registered.clear();
    }
}
