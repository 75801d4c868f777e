package io.jakartaredis.limiter.benchmarks;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import redis.clients.jedis.Jedis;

/**
 * The fields of one {@code INFO} section, read in one round trip.
 *
 * @param section the section's name, e.g. {@code memory}
 * @param fields  its {@code name:value} lines
 */
record RedisInfo(String section, Map<String, String> fields) {

    static RedisInfo read(Jedis admin, String section) {
        Map<String, String> fields = admin.info(section).lines().filter(line -> line.indexOf(':') > 0)
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf(':')),
                        line -> line.substring(line.indexOf(':') + 1).strip(), (first, second) -> first));
        return new RedisInfo(section, fields);
    }

    Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    String required(String name) {
        return field(name).orElseThrow(() -> new IllegalStateException("INFO " + section + " has no " + name));
    }
}
