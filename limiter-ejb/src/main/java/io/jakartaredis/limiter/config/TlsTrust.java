package io.jakartaredis.limiter.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

/**
 * Which certificate authorities a TLS connection to Redis trusts: the JVM's default trust store,
 * a PEM file of CA certificates ({@code limiter.redis.tls.ca-file}) or a PKCS12/JKS trust store
 * ({@code limiter.redis.tls.truststore}). {@link #toString()} never shows the password.
 *
 * @param caFile             PEM CA certificates, or {@code null}
 * @param trustStore         PKCS12 or JKS trust store, or {@code null}
 * @param trustStorePassword the trust store's password, or {@code null}
 */
public record TlsTrust(Path caFile, Path trustStore, String trustStorePassword) {

    /** Trust what the JVM trusts ({@code javax.net.ssl.trustStore}, else the JDK's {@code cacerts}). */
    public static final TlsTrust JVM_DEFAULT = new TlsTrust(null, null, null);

    public boolean isJvmDefault() {
        return caFile == null && trustStore == null;
    }

    /**
     * The trusted certificates as a key store, or {@code null} for the JVM's default.
     *
     * @throws IOException              when the file cannot be read or the password is wrong
     * @throws GeneralSecurityException when the file holds no usable certificate
     */
    public KeyStore load() throws IOException, GeneralSecurityException {
        if (trustStore != null) {
            // Probes the format: PKCS12 and JKS both load.
            return KeyStore.getInstance(trustStore.toFile(),
                    trustStorePassword == null ? null : trustStorePassword.toCharArray());
        }
        if (caFile != null) {
            return fromPem(caFile);
        }
        return null;
    }

    private static KeyStore fromPem(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(file)) {
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
        }
        if (store.size() == 0) {
            throw new GeneralSecurityException("no PEM certificate in " + file);
        }
        return store;
    }

    @Override
    public String toString() {
        if (trustStore != null) {
            return "trust store " + trustStore + " (password " + (trustStorePassword == null ? "none" : "set") + ")";
        }
        return caFile != null ? "CA file " + caFile : "JVM trust store";
    }
}
