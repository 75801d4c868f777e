package io.jakartaredis.limiter.config;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.jakartaredis.limiter.keys.ClientAddressConfig;
import io.jakartaredis.limiter.keys.ForwardingHeader;
import io.jakartaredis.limiter.keys.IpPrefixes;
import io.jakartaredis.limiter.keys.TrustedProxies;

/**
 * Reads how client addresses are found and keyed, once at startup, for the filter and the
 * interceptor alike: both must key one client the same way. Every error is an
 * {@link InvalidConfigurationException} naming the property, its value and what would be valid.
 */
public final class ClientAddressConfigReader {

    public static final String TRUSTED_PROXIES = "limiter.web.trusted-proxies";
    public static final String FORWARDED_HEADER = "limiter.web.forwarded-header";
    public static final String IPV4_PREFIX = "limiter.web.ipv4-prefix";
    public static final String IPV6_PREFIX = "limiter.web.ipv6-prefix";

    private static final Pattern PREFIX_LENGTH = Pattern.compile("\\d{1,3}");
    private static final System.Logger LOG = System.getLogger(ClientAddressConfigReader.class.getName());
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private ClientAddressConfigReader() {
    }

    /**
     * The client-address settings; each absent property takes its default. Settings that are
     * valid but surely mistaken (a misspelt {@code X-Forwarded-For}, a header without trusted
     * proxies, a trusted {@code /0}) are logged as one WARNING each, once per deployment.
     */
    public static ClientAddressConfig read(ConfigValues values) {
        TrustedProxies trusted = values.parsed(TRUSTED_PROXIES, TrustedProxies::parse).orElse(TrustedProxies.none());
        int ipv4 = values.parsed(IPV4_PREFIX, text -> prefixLength(text, 32)).orElse(IpPrefixes.DEFAULT.ipv4());
        int ipv6 = values.parsed(IPV6_PREFIX, text -> prefixLength(text, 128)).orElse(IpPrefixes.DEFAULT.ipv6());
        ForwardingHeader header = values.parsed(FORWARDED_HEADER, ForwardingHeader::parse).orElse(ForwardingHeader.X_FORWARDED_FOR);
        ClientAddressConfig config = new ClientAddressConfig(trusted, header, new IpPrefixes(ipv4, ipv6));
        warnOnce(config, values);
        return config;
    }

    /**
     * The filter and the interceptor each read the settings at startup; what one has warned of,
     * the other need not repeat. Static: one set per class loader, which is one per deployment when
     * the jars are in the WAR or the EAR; where a server shares them between applications, each
     * warning is given once per server start.
     */
    static void forgetWarnings() {
        WARNED.clear();
    }

    private static void warnOnce(ClientAddressConfig config, ConfigValues values) {
        for (String warning : ClientAddressWarnings.of(config, values)) {
            if (WARNED.add(warning)) {
                LOG.log(System.Logger.Level.WARNING, warning);
            }
        }
    }

    private static int prefixLength(String text, int max) {
        int length = PREFIX_LENGTH.matcher(text).matches() ? Integer.parseInt(text) : 0;
        if (length < 1 || length > max) {
            throw new IllegalArgumentException("expected a prefix length from 1 to " + max);
        }
        return length;
    }

}
