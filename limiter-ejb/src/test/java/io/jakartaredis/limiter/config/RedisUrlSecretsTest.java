package io.jakartaredis.limiter.config;

import static io.jakartaredis.limiter.Passwords.assertShowsNoPart;
import static io.jakartaredis.limiter.Passwords.percentEncoded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.jakartaredis.limiter.Passwords;

/**
 * Passwords of every printable ASCII character, percent-encoded and raw, in well-formed and
 * malformed URLs: decoded exactly (RFC 3986, {@code +} stays {@code +}), and never shown, whole or
 * in part, by an error or a {@code toString()}.
 */
class RedisUrlSecretsTest {

    private static LimiterConfig read(String... properties) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        return LimiterConfigReader.read(ConfigValues.of(values));
    }

    static Stream<String> passwords() {
        return Passwords.ALL.stream();
    }

    /** Each password as the URL needs it, and raw where it holds no {@code %}: the parser copes with either. */
    static Stream<String[]> urlForms() {
        return passwords().flatMap(password -> password.indexOf('%') < 0
                ? Stream.of(new String[] {password, percentEncoded(password)}, new String[] {password, password})
                : Stream.<String[]>of(new String[] {password, percentEncoded(password)}));
    }

    @ParameterizedTest
    @MethodSource("urlForms")
    void aWellFormedUrlGivesExactlyThePasswordAndShowsNoPartOfIt(String password, String inUrl) {
        LimiterConfig config = read("limiter.redis.url", "rediss://limiter:" + inUrl + "@redis.example:6390/3");
        RedisConfig redis = config.redis();
        assertEquals(password, redis.password());
        assertEquals("limiter", redis.user());
        assertEquals("redis.example", redis.host());
        assertEquals(6390, redis.port());
        assertEquals(3, redis.database());
        assertTrue(redis.tls());
        assertShowsNoPart(password, redis.toString() + config + redis.endpoint() + redis.topology());
    }

    @ParameterizedTest
    @MethodSource("passwords")
    void aPlusStaysAPlusAndTheUserIsDecodedToo(String password) {
        RedisConfig redis = read("limiter.redis.url", "redis://" + percentEncoded("ops+limiter") + ":"
                + percentEncoded(password) + "@h").redis();
        assertEquals("ops+limiter", redis.user());
        assertEquals(password, redis.password());
        assertEquals("a+b c", read("limiter.redis.url", "redis://:a+b%20c@h").redis().password());
    }

    /** Malformed URLs, {@code %s} standing for the password: each names the property and shows no part of it. */
    static Stream<String> malformedUrls() {
        return Stream.of(
                "redis://limiter:%s@127.0.0.1:port",        // a port that is no number
                "redis://limiter:%s@127.0.0.1:70000",       // a port out of range
                "http://limiter:%s@127.0.0.1:6379",         // an unknown scheme
                "redis//limiter:%s@127.0.0.1:6379",         // no scheme
                "redis://limiter:%s@bad host:6379",         // an invalid host
                "redis://limiter:%s@",                      // no host
                "redis://limiter:%s@h:6379?timeout=1",      // a query
                "redis://limiter:%s@h:6379#top",            // a fragment
                "redis://limiter:%s@h:6379/zero",           // a database that is no number
                "redis://limiter:%s%%zz@h:6379",            // a malformed escape after the password
                "redis://limiter:%s%%4@h:6379",             // a truncated escape
                "redis://limiter:%s%%C3%%28@h:6379");       // escapes that are no UTF-8
    }

    static Stream<String[]> malformedWithEveryPassword() {
        return malformedUrls().flatMap(url -> passwords().flatMap(password -> Stream.of(
                new String[] {password, url.formatted(percentEncoded(password))},
                new String[] {password, url.formatted(password)})));
    }

    @ParameterizedTest
    @MethodSource("malformedWithEveryPassword")
    void aMalformedUrlNamesThePropertyAndShowsNoPartOfThePassword(String password, String url) {
        var error = assertThrows(InvalidConfigurationException.class, () -> read("limiter.redis.url", url));
        assertEquals("limiter.redis.url", error.property());
        assertShowsNoPart(password, error.getMessage());
        assertQuotesNothingAfterTheScheme(error);
    }

    /** Without an @ (or with one in the wrong place) nothing tells a password from a host: none of it shows. */
    @ParameterizedTest
    @ValueSource(strings = {"redis://limiter:Xy7/Kq+Lm9", "redis://:Sup3rSecretPw", "redis://default:pw#redis.internal:6379",
        "redis://default:Sup3r/SecretPw", "redis//default:abcd://efgh@host", "Sup3rSecretPw://h", "redis://:Sup3rSecretPw@"})
    void aUrlWithoutAWellPlacedAtQuotesOnlyTheScheme(String url) {
        var error = assertThrows(InvalidConfigurationException.class, () -> read("limiter.redis.url", url));
        assertQuotesNothingAfterTheScheme(error);
        for (String secret : List.of("Xy7/", "Kq+Lm9", "Sup3r", "SecretPw", "pw#", "abcd", "efgh", "default", "limiter:")) {
            assertFalse(error.getMessage().replace("limiter.redis.url", "").contains(secret), error.getMessage());
        }
    }

    @Test
    void aUrlWithoutAtBesideSentinelQuotesOnlyTheScheme() {
        var error = assertThrows(InvalidConfigurationException.class, () -> read("limiter.redis.sentinel.master", "m",
                "limiter.redis.sentinel.nodes", "s1:26379", "limiter.redis.url", "redis://:Sup3rSecretPw"));
        assertEquals("limiter.redis.url", error.property());
        assertQuotesNothingAfterTheScheme(error);
        assertFalse(error.getMessage().contains("Sup3r"), error.getMessage());
    }

    @Test
    void anAtInAQueryDoesNotMoveTheHost() {
        var error = assertThrows(InvalidConfigurationException.class,
                () -> read("limiter.redis.url", "redis://:pw@redis.internal:6379/0?client_name=a@b"));
        assertTrue(error.getMessage().endsWith("a query or fragment (? or #) is not supported"), error.getMessage());
    }

    @Test
    void aRawPasswordMayHoldSlashQuestionMarkHashAndAt() {
        RedisConfig redis = read("limiter.redis.url", "redis://u:pa/ss?w#rd@host:6379/2").redis();
        assertEquals("pa/ss?w#rd", redis.password());
        assertEquals("host", redis.host());
        assertEquals(2, redis.database());
        RedisConfig withAt = read("limiter.redis.url", "redis://u:p@ss/w?r#d@host:6390").redis();
        assertEquals("p@ss/w?r#d", withAt.password(), "an @ followed by no well-formed server part to the end");
        assertEquals("host", withAt.host());
        assertEquals(6390, withAt.port());
    }

    /** As Lettuce and Spring read it: {@code redis://secret@host} carries a password, not a user. */
    @Test
    void aUserInformationWithoutColonIsThePasswordAndNoUserIsEverShown() {
        RedisConfig redis = read("limiter.redis.url", "redis://Sup3rSecretPw@redis.internal:6379").redis();
        assertEquals("Sup3rSecretPw", redis.password());
        assertEquals(null, redis.user());
        RedisConfig sentinel = read("limiter.redis.sentinel.master", "m", "limiter.redis.sentinel.nodes", "s1:26379",
                "limiter.redis.sentinel.user", "Sentinel-Us3r", "limiter.redis.user", "Redis-Us3r").redis();
        for (String shown : List.of(redis.toString(), sentinel.toString(), sentinel.topology().toString())) {
            for (String secret : List.of("Sup3r", "Us3r")) {
                assertFalse(shown.contains(secret), shown);
            }
        }
        assertTrue(sentinel.toString().contains("user set"), sentinel.toString());
    }

    @Test
    void onlyAsciiHexDigitsMakeAnEscape() {
        var error = assertThrows(InvalidConfigurationException.class,
                () -> read("limiter.redis.url", "redis://:%\u0663\u0663@h")); // Arabic-Indic digits three
        assertTrue(error.getMessage().contains("two hex digits"), error.getMessage());
        assertEquals("3", read("limiter.redis.url", "redis://:%33@h").redis().password());
        assertEquals("\u00ff", read("limiter.redis.url", "redis://:%c3%BF@h").redis().password());
    }

    @Test
    void anIpv6HostLosesItsBrackets() {
        RedisConfig redis = read("limiter.redis.url", "rediss://:pw@[::1]:6390").redis();
        assertEquals("::1", redis.host(), "as a socket address, SNI and hostname verification take it");
        assertEquals(6390, redis.port());
        assertEquals("[::1]:6390/0", redis.endpoint());
    }

    private static void assertQuotesNothingAfterTheScheme(InvalidConfigurationException error) {
        String message = error.getMessage();
        int open = message.indexOf('"');
        String quoted = message.substring(open + 1, message.indexOf('"', open + 1));
        assertTrue(Set.of("redis://****", "http://****", "****://****", "****").contains(quoted), message);
    }

    @ParameterizedTest
    @MethodSource("passwords")
    void aMalformedEscapeIsAClearConfigurationError(String password) {
        var error = assertThrows(InvalidConfigurationException.class,
                () -> read("limiter.redis.url", "redis://limiter:" + percentEncoded(password) + "%zz@h:6379"));
        assertEquals("limiter.redis.url: \"redis://****\" is invalid: the user and password are percent-encoded"
                + " (RFC 3986): '%' must start an escape of two hex digits such as %25 (for '%' itself) or %2F (for '/')",
                error.getMessage());
    }

    @ParameterizedTest
    @MethodSource("passwords")
    void theGoMiddlewaresAddressShowsNoPartOfThePassword(String password) {
        var error = assertThrows(InvalidConfigurationException.class,
                () -> read("REDIS_CONN_ADDRESS", "limiter:" + password + "@cache:port"));
        assertEquals("REDIS_CONN_ADDRESS", error.property());
        assertShowsNoPart(password, error.getMessage());

        LimiterConfig config = read("REDIS_CONN_ADDRESS", "cache:6390", "REDIS_PASSWORD", password);
        assertEquals(password, config.redis().password());
        assertShowsNoPart(password, config.toString() + config.redis().endpoint());
    }

    @ParameterizedTest
    @MethodSource("passwords")
    void aUrlBesideSentinelOrClusterShowsNoPartOfThePassword(String password) {
        for (List<String> topology : List.of(List.of("limiter.redis.cluster.nodes", "c1:7000"),
                List.of("limiter.redis.sentinel.master", "m", "limiter.redis.sentinel.nodes", "s1:26379"))) {
            String[] properties = Stream.concat(topology.stream(),
                    Stream.of("limiter.redis.url", "redis://u:" + password + "@h:1")).toArray(String[]::new);
            var error = assertThrows(InvalidConfigurationException.class, () -> read(properties));
            assertEquals("limiter.redis.url", error.property());
            assertShowsNoPart(password, error.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("passwords")
    void sentinelAndClusterObjectsShowNoPartOfThePassword(String password) {
        LimiterConfig sentinel = read("limiter.redis.sentinel.master", "mymaster",
                "limiter.redis.sentinel.nodes", "s1:26379,[fd00::7]:26380", "limiter.redis.sentinel.user", "watcher",
                "limiter.redis.sentinel.password", password, "limiter.redis.user", "limiter",
                "limiter.redis.password", password);
        var topology = (RedisTopology.Sentinel) sentinel.redis().topology();
        assertEquals(password, topology.password());
        assertShowsNoPart(password, sentinel + sentinel.redis().toString() + sentinel.redis().endpoint() + topology
                + topology.sentinels());

        LimiterConfig cluster = read("limiter.redis.cluster.nodes", "c1:7000,c2:7001", "limiter.redis.password", password);
        assertShowsNoPart(password, cluster + cluster.redis().toString() + cluster.redis().endpoint()
                + cluster.redis().topology() + ((RedisTopology.Cluster) cluster.redis().topology()).seeds());
    }

    @ParameterizedTest
    @MethodSource("urlForms")
    void theParsedUrlShowsNoPartOfThePassword(String password, String inUrl) {
        RedisUrl url = RedisUrl.parse("limiter.redis.url", "redis://limiter:" + inUrl + "@h:1");
        assertEquals(password, url.password());
        assertEquals("redis://****@h:1/0", url.toString());
    }
}
