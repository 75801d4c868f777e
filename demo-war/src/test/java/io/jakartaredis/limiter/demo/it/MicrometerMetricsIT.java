package io.jakartaredis.limiter.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WildFly's Micrometer, enabled as the operations page says ({@link MicrometerPrometheusSetup}):
 * the Prometheus registry on the management port, scraped over HTTP.
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "wildfly",
        disabledReason = "Micrometer is WildFly's; MicroProfileMetricsIT scrapes Payara's MicroProfile Metrics")
@ServerSetup(MicrometerPrometheusSetup.class)
class MicrometerMetricsIT extends ServerMetricsContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.demoWar("micrometer-metrics", deploymentProperties());
    }

    @Override
    String scrape() {
        try {
            URL management = new URL("http://127.0.0.1:" + System.getProperty("wildfly.managementPort", "19990") + "/");
            Http.Response response = Http.get(management, MicrometerPrometheusSetup.CONTEXT);
            assertEquals(200, response.status(), response.body());
            return response.body();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }
}
