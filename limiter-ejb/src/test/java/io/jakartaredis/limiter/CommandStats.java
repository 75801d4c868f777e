package io.jakartaredis.limiter;

import redis.clients.jedis.Jedis;

/** What Redis itself counts of the commands it ran ({@code INFO commandstats}), for tests that count round trips. */
public final class CommandStats {

    private CommandStats() {
    }

    /**
     * How often Redis ran {@code command} since it started or {@code CONFIG RESETSTAT}, those that
     * answered an error included (a {@code NOSCRIPT} among them); {@code script|load} names a subcommand.
     */
    public static long calls(Jedis admin, String command) {
        return field(admin, command, "calls");
    }

    /** How many of them answered an error ({@code failed_calls}, Redis 7+). */
    public static long failedCalls(Jedis admin, String command) {
        return field(admin, command, "failed_calls");
    }

    /**
     * How many were refused before they ran ({@code rejected_calls}, Redis 7+): a cluster's
     * {@code MOVED} and {@code ASK} among them.
     */
    public static long rejectedCalls(Jedis admin, String command) {
        return field(admin, command, "rejected_calls");
    }

    private static long field(Jedis admin, String command, String name) {
        String prefix = "cmdstat_" + command + ":";
        for (String line : admin.info("commandstats").split("\r\n")) {
            if (line.startsWith(prefix)) {
                for (String field : line.substring(prefix.length()).split(",")) {
                    if (field.startsWith(name + "=")) {
                        return Long.parseLong(field.substring(name.length() + 1));
                    }
                }
            }
        }
        return 0;
    }
}
