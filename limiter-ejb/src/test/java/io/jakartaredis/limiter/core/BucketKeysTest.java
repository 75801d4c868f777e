package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BucketKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "2001:db8::1", "user@example.com", "api-key_123", "a:b/c=d"})
    void keepsShortPrintableKeysAsTheyAre(String client) {
        assertEquals("rate_limit:api:" + client, BucketKeys.key("rate_limit:api:", client));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "with space", "line\nbreak", "cr\r", "nul\0", "tab\t", "del\u007f", "caf\u00e9",
        "\uD83D\uDE00", "{tag}", "#looks-hashed", "\uD800"})
    void hashesEmptyUnusualOrAmbiguousKeys(String client) {
        String safe = BucketKeys.safeClientKey(client);
        assertTrue(safe.matches("#[A-Za-z0-9_-]{43}"), safe);
    }

    @Test
    void hashesKeysLongerThan128Characters() {
        assertEquals("a".repeat(128), BucketKeys.safeClientKey("a".repeat(128)));
        assertEquals(44, BucketKeys.safeClientKey("a".repeat(129)).length());
        assertEquals(44, BucketKeys.safeClientKey("a".repeat(1_000_000)).length());
    }

    @Test
    void distinctInputsNeverShareAKey() {
        assertNotEquals(BucketKeys.safeClientKey("\uD800"), BucketKeys.safeClientKey("\uD801"), "lone surrogates stay distinct");
        String hashed = BucketKeys.safeClientKey("caf\u00e9");
        assertNotEquals(hashed, BucketKeys.safeClientKey(hashed), "a client cannot send another client's hashed key");
    }

    /** A long {@code KeyResolver} key is hashed in place: no copy of twice its length. */
    @Test
    void hashingALongKeyAllocatesFarLessThanTheKey() {
        String huge = "a".repeat(1 << 20);
        BucketKeys.safeClientKey(huge);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        BucketKeys.safeClientKey(huge);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes to hash a 1 MiB key");
    }

    @Test
    void theHashIsOfTheUtf16CodeUnitsBigEndian() throws Exception {
        String key = "caf\u00e9-" + "x".repeat(5000);
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_16BE));
        assertEquals("#" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest), BucketKeys.safeClientKey(key));
    }
}
