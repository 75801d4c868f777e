package io.jakartaredis.limiter.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WildFly's standalone.xml has neither MicroProfile Health nor a metrics API for applications:
 * the limiter deploys and decides there without a word about either, and the server log of the
 * deployment holds no {@code NoClassDefFoundError} and no warning about the readiness check or a
 * metrics publisher (which the extension never added).
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "wildfly",
        disabledReason = "Payara Micro has MicroProfile Health and Metrics: there the check and the publisher are added")
class WithoutOptionalApisIT {

    private static long logOffset;

    @ArquillianResource
    URL base;

    private static Path serverLog() {
        return Path.of(System.getProperty("wildfly.home"), "standalone", "log", "server.log");
    }

    @Deployment(testable = false)
    static WebArchive deployment() throws IOException {
        logOffset = Files.exists(serverLog()) ? Files.size(serverLog()) : 0;
        return Deployments.demoWar("without-optional-apis", "limiter.policy.per-ip.limits=2/1h\n");
    }

    private static String logSinceDeployment() {
        try (RandomAccessFile log = new RandomAccessFile(serverLog().toFile(), "r")) {
            log.seek(logOffset);
            byte[] rest = new byte[(int) (log.length() - logOffset)];
            log.readFully(rest);
            return new String(rest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void deploysAndDecidesWithoutAWordAboutHealthOrMetrics() {
        String client = Http.randomClientAddress();
        assertEquals(200, Http.get(base, "api/hello", "X-Forwarded-For", client).status());
        String log = logSinceDeployment();
        assertTrue(log.contains("without-optional-apis.war") && log.contains("Rate limiter on"),
                "the log of this deployment was read: " + log);
        for (String absent : List.of("NoClassDefFoundError", "ClassNotFoundException", "RedisReadinessCheck",
                "org.eclipse.microprofile.health", "io.jakartaredis.limiter.metrics", "org.eclipse.microprofile.metrics",
                "io.micrometer")) {
            assertFalse(log.contains(absent), absent + " in the server log:\n" + log);
        }
    }
}
