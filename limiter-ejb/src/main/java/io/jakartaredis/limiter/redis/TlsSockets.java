package io.jakartaredis.limiter.redis;

import java.io.IOException;
import java.security.GeneralSecurityException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import io.jakartaredis.limiter.config.TlsTrust;

/** TLS sockets that trust the configured certificate authorities and verify the server's host name. */
final class TlsSockets {

    private TlsSockets() {
    }

    /** A socket factory trusting {@code trust}; the JVM's default one for {@link TlsTrust#JVM_DEFAULT}. */
    static SSLSocketFactory factory(TlsTrust trust) {
        if (trust.isJvmDefault()) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        try {
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust.load());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            // The configuration reader loaded the same file at startup: it changed or vanished since.
            throw new IllegalStateException("cannot use the " + trust + " for TLS to Redis: " + e.getMessage(), e);
        }
    }

    /** Checks that the certificate names the host we connect to (its DNS name or IP address), as HTTPS does. */
    static SSLParameters verifyingHostName() {
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }
}
