package io.jakartaredis.limiter.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Payara Micro's MicroProfile Metrics: the application registry at {@code /metrics?scope=application}
 * on the HTTP port, scraped as Prometheus text.
 */
@ExtendWith(ArquillianExtension.class)
@DisabledIfSystemProperty(named = "arquillian.launch", matches = "wildfly",
        disabledReason = "WildFly has no MicroProfile Metrics: MicrometerMetricsIT scrapes its Micrometer")
class MicroProfileMetricsIT extends ServerMetricsContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.demoWar("mp-metrics", deploymentProperties());
    }

    @Override
    String scrape() {
        try {
            Http.Response response = Http.get(new URL(base, "/"), "metrics?scope=application", "Accept", "text/plain");
            assertEquals(200, response.status(), response.body());
            return response.body();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }
}
