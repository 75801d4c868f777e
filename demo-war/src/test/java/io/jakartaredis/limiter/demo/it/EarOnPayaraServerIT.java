package io.jakartaredis.limiter.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;

import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.demo.cluster.PayaraServer;
import io.jakartaredis.limiter.demo.it.ear.EarApplication;
import io.jakartaredis.limiter.demo.it.ear.EarQuoteService;
import io.jakartaredis.limiter.demo.it.ear.EarResource;
import io.jakartaredis.limiter.demo.it.remote.RemoteCounter;
import io.jakartaredis.limiter.demo.it.remote.RemoteCounterBean;
import io.jakartaredis.limiter.demo.it.remote.RemoteResource;
import io.jakartaredis.limiter.testkit.RedisServer;

/**
 * EAR packaging on Payara Server (Payara Micro deploys no EARs, and no {@code @Remote} views): the limiter jars and their
 * dependencies in the EAR's {@code lib/}, an EJB module with a {@code @RateLimited} session bean,
 * and a WAR that calls it and is limited by the filter.
 */
class EarOnPayaraServerIT {

    private static RedisServer redis;
    private static PayaraServer server;
    private static URL web;

    @BeforeAll
    static void deployEar() throws MalformedURLException {
        redis = RedisServer.start();
        Path target = Path.of(System.getProperty("demo.war")).getParent();
        File ear = target.resolve("limited.ear").toFile();
        limitedEar(redis.url()).as(ZipExporter.class).exportTo(ear, true);
        server = PayaraServer.start(Path.of(System.getProperty("payara.serverHome")), target.resolve("payara-domains"),
                "ear", 20_000 + 100 * (int) (Math.random() * 200));
        server.deploy(ear.toPath());
        web = new URL("http://127.0.0.1:" + server.httpPort() + "/web/");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    static EnterpriseArchive limitedEar(String redisUrl) {
        JavaArchive ejbModule = ShrinkWrap.create(JavaArchive.class, "quotes-ejb.jar")
                .addClasses(EarQuoteService.class, RemoteCounter.class, RemoteCounterBean.class)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
        WebArchive webModule = ShrinkWrap.create(WebArchive.class, "web.war")
                .addClasses(EarApplication.class, EarResource.class, RemoteResource.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        // Configuration that every module sees: a jar in lib/ holding microprofile-config.properties.
        JavaArchive config = ShrinkWrap.create(JavaArchive.class, "limiter-config.jar")
                .addAsManifestResource(new StringAsset("""
                        limiter.redis.url=%s
                        limiter.policy.ear-web.limits=3/1h
                        limiter.web.rules.ping.pattern=/api/ping
                        limiter.web.rules.ping.policy=ear-web
                        """.formatted(redisUrl)), "microprofile-config.properties");
        EnterpriseArchive ear = ShrinkWrap.create(EnterpriseArchive.class, "limited.ear")
                .addAsModule(ejbModule)
                .addAsModule(webModule)
                .addAsLibrary(config);
        // The limiter jars and their dependencies, exactly as the packaged demo WAR holds them.
        WebArchive demo = ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("demo.war")));
        for (Node jar : demo.get("WEB-INF/lib").getChildren()) {
            String fileName = jar.getPath().get().substring(jar.getPath().getParent().get().length() + 1);
            ear.addAsLibrary(jar.getAsset(), fileName);
        }
        return ear;
    }

    @Test
    void interceptorFiresForTheEjbModule() {
        assertEquals(200, Http.get(web, "api/quote").status(), server::log);
        assertEquals(200, Http.get(web, "api/quote").status());
        Http.Response rejected = Http.get(web, "api/quote");
        assertEquals(429, rejected.status());
        assertTrue(rejected.body().contains("\"violated-policies\":[\"ear-ejb-1\"]"), rejected.body());
    }

    @Test
    void aRejectionPassedByValueThroughARemoteInterfaceAnswers429WithItsHeaders() {
        RemoteInterfaceIT.assertRemoteRejectionAnswers429(web);
    }

    @Test
    void filterWorksInTheWebModule() {
        for (int i = 0; i < 3; i++) {
            Http.Response allowed = Http.get(web, "api/ping");
            assertEquals(200, allowed.status());
            assertEquals("\"ear-web-1\";q=3;w=3600", allowed.header("RateLimit-Policy").orElseThrow());
        }
        assertEquals(429, Http.get(web, "api/ping").status());
    }
}
