package io.jakartaredis.limiter.benchmarks;

import java.util.concurrent.ThreadLocalRandom;

/** Which client each decision is for: one of 10,000 addresses, or the one hot address. */
public enum ClientKeys {

    /** 10,000 clients, each decision for one drawn at random. */
    SPREAD,
    /** One client that every decision is for. */
    HOT;

    public static final int SPREAD_SIZE = 10_000;
    /** A realistic client key: an IPv4 address from the documentation range, as the {@code ip} strategy writes it. */
    public static final String HOT_KEY = "ip:203.0.113.7";

    private static final String[] SPREAD_KEYS = spreadKeys();

    /** The client key for the next decision; allocates nothing. */
    public String next() {
        return this == HOT ? HOT_KEY : SPREAD_KEYS[ThreadLocalRandom.current().nextInt(SPREAD_SIZE)];
    }

    /** Addresses of the benchmarking range 198.18.0.0/15 (RFC 2544), as the {@code ip} strategy writes them. */
    static String address(int index) {
        return "ip:198." + (18 + (index >> 16)) + "." + ((index >> 8) & 0xff) + "." + (index & 0xff);
    }

    private static String[] spreadKeys() {
        String[] keys = new String[SPREAD_SIZE];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = address(i);
        }
        return keys;
    }
}
