package io.jakartaredis.limiter.demo.it;

import org.jboss.as.arquillian.api.ReloadIfRequired;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * Gives WildFly's standalone.xml, which has no metrics API for applications, the Micrometer
 * subsystem with its Prometheus registry on the management interface ({@code /prometheus}), as
 * the operations page tells users to; removes it again afterwards. The server's configuration
 * is read-only in the tests, so nothing of this outlives the run; the reload keeps it in memory.
 */
@ReloadIfRequired
public class MicrometerPrometheusSetup implements ServerSetupTask {

    static final String CONTEXT = "/prometheus";

    private static final ModelNode EXTENSION = Operations.createAddress("extension", "org.wildfly.extension.micrometer");
    private static final ModelNode SUBSYSTEM = Operations.createAddress("subsystem", "micrometer");
    private static final ModelNode PROMETHEUS = Operations.createAddress("subsystem", "micrometer", "registry", "prometheus");

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        executeOperation(client, Operations.createAddOperation(EXTENSION));
        executeOperation(client, Operations.createAddOperation(SUBSYSTEM));
        ModelNode prometheus = Operations.createAddOperation(PROMETHEUS);
        prometheus.get("context").set(CONTEXT);
        prometheus.get("security-enabled").set(false);
        executeOperation(client, prometheus);
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        executeOperation(client, Operations.createRemoveOperation(SUBSYSTEM));
        executeOperation(client, Operations.createRemoveOperation(EXTENSION));
    }
}
