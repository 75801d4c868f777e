package io.jakartaredis.limiter.demo.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Builds test deployments from the demo WAR that Maven packaged, pointed at the test Redis. */
final class Deployments {

    private static final String CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";

    private Deployments() {
    }

    /**
     * The packaged demo WAR (its classes and its WEB-INF/lib with the limiter jars) under a new
     * name, with the given MicroProfile Config properties replacing the demo's.
     */
    static WebArchive demoWar(String name, String properties) {
        File packaged = new File(System.getProperty("demo.war", "target/demo.war"));
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, packaged);
        war.delete(CONFIG);
        war.add(new StringAsset("limiter.redis.url=" + TestRedis.server().url() + "\n" + properties), CONFIG);
        writePayaraSystemProperties();
        return ShrinkWrap.create(WebArchive.class, name + ".war").merge(war);
    }

    /** Payara Micro reads this file at start (arquillian.xml); it must exist even when empty. */
    static void writePayaraSystemProperties() {
        Path file = Path.of(System.getProperty("payara.systemProperties", "target/payara-system.properties"));
        try {
            Files.writeString(file, "demo.node=test-node\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
