/**
 * Who a call is limited as: the {@link io.jakartaredis.limiter.keys.KeyStrategy key strategies},
 * and the client's address behind {@link io.jakartaredis.limiter.keys.TrustedProxies trusted
 * proxies}, read from forwarding headers by {@link io.jakartaredis.limiter.keys.ClientAddressResolver}
 * without ever trusting a header the client could have set, and without DNS.
 */
package io.jakartaredis.limiter.keys;
