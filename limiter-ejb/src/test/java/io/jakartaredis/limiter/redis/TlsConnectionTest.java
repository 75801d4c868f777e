package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisProcess;
import io.jakartaredis.limiter.testkit.RedisServer;
import io.jakartaredis.limiter.testkit.TestCertificates;

/**
 * {@code rediss://} against TLS-only redis-server processes with certificates of a test CA: the
 * configured CA is trusted, another CA's certificate and a certificate for another host name are not.
 */
class TlsConnectionTest {

    private static final String STORE_PASSWORD = "store-pw-for-tests";

    private static TestCertificates certificates;
    private static RedisProcess trusted;
    private static RedisProcess rogue;
    private static RedisProcess otherName;

    @BeforeAll
    static void startTlsServers() {
        Assumptions.assumeTrue(TestCertificates.opensslAvailable(), "openssl is missing: TLS tests skipped");
        certificates = TestCertificates.create();
        trusted = startTls(certificates.serverCert(), certificates.serverKey());
        rogue = startTls(certificates.rogueCert(), certificates.rogueKey());
        otherName = startTls(certificates.otherNameCert(), certificates.otherNameKey());
    }

    private static RedisProcess startTls(Path cert, Path key) {
        int port = RedisServer.freePort();
        Path dir = RedisProcess.newWorkDir("redis-tls-server-");
        try {
            return RedisProcess.start(dir, port, certificates.tlsServerArgs(port, cert, key));
        } catch (IllegalStateException e) {
            boolean noTlsBuild = e.getMessage().contains("Bad directive") || e.getMessage().contains("wrong number of arg");
            Assumptions.assumeFalse(noTlsBuild, "this redis-server has no TLS support: TLS tests skipped");
            throw e;
        }
    }

    @AfterAll
    static void stopTlsServers() {
        for (RedisProcess server : new RedisProcess[] {trusted, rogue, otherName}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void decidesOverTlsTrustingAPemCaFile() {
        try (RedisRateLimiter limiter = limiter("rediss://127.0.0.1:" + trusted.port(),
                "limiter.redis.tls.ca-file", certificates.caCert().toString())) {
            assertEquals(2, limiter.tryAcquire("api", "pem").remaining());
            limiter.ping();
        }
    }

    @Test
    void decidesOverTlsTrustingAPkcs12TrustStoreAndVerifiesTheDnsName() throws Exception {
        Path store = certificates.dir().resolve("truststore.p12");
        writeTrustStore(store);
        try (RedisRateLimiter limiter = limiter("rediss://localhost:" + trusted.port(),
                "limiter.redis.tls.truststore", store.toString(),
                "limiter.redis.tls.truststore-password", STORE_PASSWORD)) {
            assertEquals(2, limiter.tryAcquire("api", "p12").remaining());
        }
    }

    @Test
    void rejectsAServerCertificateThatTheTrustedCaDidNotSign() {
        try (RedisRateLimiter limiter = limiter("rediss://127.0.0.1:" + rogue.port(),
                "limiter.redis.tls.ca-file", certificates.caCert().toString())) {
            var failure = assertThrows(RateLimiterUnavailableException.class, () -> limiter.tryAcquire("api", "rogue"));
            assertTrue(hasCause(failure, SSLHandshakeException.class, "PKIX path building failed"), failure.toString());
        }
    }

    @Test
    void rejectsACertificateOfTheTrustedCaForAnotherHostName() {
        try (RedisRateLimiter limiter = limiter("rediss://127.0.0.1:" + otherName.port(),
                "limiter.redis.tls.ca-file", certificates.caCert().toString())) {
            var failure = assertThrows(RateLimiterUnavailableException.class, () -> limiter.tryAcquire("api", "name"));
            assertTrue(hasCause(failure, SSLHandshakeException.class, "No subject alternative names matching IP address"),
                    failure.toString());
        }
    }

    @Test
    void rejectsTheTestCaWhenOnlyTheJvmTrustStoreIsTrusted() {
        try (RedisRateLimiter limiter = limiter("rediss://127.0.0.1:" + trusted.port())) {
            var failure = assertThrows(RateLimiterUnavailableException.class, () -> limiter.tryAcquire("api", "jvm"));
            assertTrue(hasCause(failure, SSLHandshakeException.class, "PKIX path building failed"), failure.toString());
        }
    }

    private static RedisRateLimiter limiter(String url, String... tls) {
        String[] properties = new String[tls.length + 4];
        properties[0] = "limiter.redis.url";
        properties[1] = url;
        properties[2] = "limiter.policy.api.limits";
        properties[3] = "3/1m";
        System.arraycopy(tls, 0, properties, 4, tls.length);
        return TopologyLimiters.limiter(properties);
    }

    private static void writeTrustStore(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (var in = Files.newInputStream(certificates.caCert())) {
            store.setCertificateEntry("test-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASSWORD.toCharArray());
        }
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type, String message) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            boolean ofType = type.isInstance(cause) || cause instanceof ScrubbedException scrubbed && scrubbed.was(type);
            if (ofType && cause.getMessage().contains(message)) {
                return true;
            }
        }
        return false;
    }
}
