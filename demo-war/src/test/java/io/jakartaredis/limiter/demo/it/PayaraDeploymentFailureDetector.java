package io.jakartaredis.limiter.demo.it;

import java.lang.reflect.Field;
import java.util.stream.Collectors;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Payara Micro logs a failed deployment and boots on with nothing deployed, and its Arquillian
 * container (3.1) reports success. This client-side observer reads the captured console and turns
 * such a start into a {@link DeploymentException} carrying Payara's error lines, so that tests
 * can assert that invalid configuration stops a deployment, and with which message.
 */
public class PayaraDeploymentFailureDetector {

    public void afterDeploy(@Observes AfterDeploy event) throws DeploymentException {
        DeployableContainer<?> container = event.getDeployableContainer();
        if (!container.getClass().getName().contains("PayaraMicro") || !event.getDeployment().isArchiveDeployment()) {
            return;
        }
        String archive = event.getDeployment().getArchive().getName();
        String appName = archive.replaceFirst("\\.(war|ear|jar)$", "");
        String console = consoleOf(container);
        boolean failed = console.contains("Exception while loading the app")
                || console.contains("Exception during lifecycle processing")
                || !console.contains("\"Name\": \"" + appName + "\"");
        if (failed) {
            String errors = console.lines()
                    .filter(line -> line.contains("Exception while loading the app") || line.contains("DeploymentException")
                            || line.contains("Caused by") || line.contains("is invalid"))
                    .map(String::strip)
                    .distinct()
                    .collect(Collectors.joining(" | "));
            try {
                ((DeployableContainer) container).undeploy(event.getDeployment().getArchive());
            } catch (Exception stopFailure) {
                errors += " | (stopping Payara Micro failed too: " + stopFailure + ")";
            }
            throw new DeploymentException("Payara Micro did not deploy " + archive + ": " + errors);
        }
    }

    /** The container keeps the console in a private field; there is no API for it. */
    private static String consoleOf(DeployableContainer<?> container) {
        try {
            Field log = container.getClass().getDeclaredField("log");
            log.setAccessible(true);
            Object value = log.get(container);
            return value == null ? "" : value.toString();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the Payara Micro console of " + container.getClass(), e);
        }
    }

    /** Registers the observer (META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension). */
    public static class Extension implements LoadableExtension {
        @Override
        public void register(ExtensionBuilder builder) {
            builder.observer(PayaraDeploymentFailureDetector.class);
        }
    }
}
