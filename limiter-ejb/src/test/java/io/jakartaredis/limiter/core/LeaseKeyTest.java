package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import redis.clients.jedis.util.JedisClusterCRC16;

/** The lease key beside each bucket key: its Cluster slot, and never any other key of the limiter. */
class LeaseKeyTest {

    @Test
    void withoutAHashTagTheWholeBucketKeyIsTheTag() {
        assertEquals("{rate_limit:api:alice}:leases", BucketKeys.leaseKey("rate_limit:api:alice"));
        assertEquals("{a{api:alice}:leases", BucketKeys.leaseKey("a{api:alice"));
    }

    @Test
    void aPrefixsHashTagIsKept() {
        assertEquals("{app}:api:alice:{leases}", BucketKeys.leaseKey("{app}:api:alice"));
    }

    @Test
    void theLeaseKeyIsInItsBucketsSlot() {
        for (String bucketKey : List.of("rate_limit:api:alice", "{app}:api:alice", "a{api:x", "x{y}z:api:#abc")) {
            assertEquals(JedisClusterCRC16.getSlot(bucketKey), JedisClusterCRC16.getSlot(BucketKeys.leaseKey(bucketKey)),
                    bucketKey);
        }
    }

    @Test
    void noLeaseKeyIsABucketKeyOrTheReadinessKey() {
        for (String prefix : List.of("rate_limit:", "{app}:", "")) {
            String alice = BucketKeys.key(prefix + "api:", "alice");
            String lookalike = BucketKeys.key(prefix + "api:", "alice:leases");
            String tagged = BucketKeys.key(prefix + "api:", "alice:{leases}");
            assertNotEquals(BucketKeys.leaseKey(alice), lookalike);
            assertNotEquals(BucketKeys.leaseKey(alice), tagged, "braces are hashed away from client keys");
            assertFalse(BucketKeys.leaseKey(alice).equals(BucketKeys.readinessKey(prefix)));
            assertTrue(tagged.contains("#"));
        }
        // Whatever another application's prefix: a bucket key is <prefix><policy>:<safe client key>,
        // so some colon of the lease key must be followed by a safe client key and preceded by a
        // policy name's character; none is.
        for (String leaseKey : List.of(BucketKeys.leaseKey("rate_limit:api:alice"), BucketKeys.leaseKey("{app}:api:alice"))) {
            for (int colon = leaseKey.indexOf(':'); colon > 0; colon = leaseKey.indexOf(':', colon + 1)) {
                boolean clientAfter = BucketKeys.isSafe(leaseKey.substring(colon + 1));
                boolean policyBefore = String.valueOf(leaseKey.charAt(colon - 1)).matches("[A-Za-z0-9_-]");
                assertFalse(clientAfter && policyBefore, leaseKey + " splits as a bucket key at " + colon);
            }
        }
    }

    @Test
    void aBucketKeyWithAClosingBraceButNoTagHasNoLeaseKey() {
        assertThrows(IllegalArgumentException.class, () -> BucketKeys.leaseKey("}app:api:alice"));
        assertThrows(IllegalArgumentException.class, () -> BucketKeys.leaseKey("{}app:api:alice"));
    }
}
