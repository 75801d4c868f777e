package io.jakartaredis.limiter.core;

import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the cause of a failed token-bucket script in the operator's words, from the error text of
 * Redis and, when a command is unknown, the version in {@code INFO server}. Pure text logic.
 */
final class ScriptFailureDiagnosis {

    private static final Pattern DENIED_COMMAND = Pattern.compile("NOPERM[^']*'([A-Za-z|_-]+)' command");
    /** Redis 7.0 from inside a script, without the command's name: the line tells it. */
    private static final Pattern DENIED_IN_SCRIPT = Pattern.compile("can't run this command[^\\n]*@user_script:(\\d+)");
    /** A command that Redis does not know, named by Redis; an unknown AUTH means credentials Redis cannot take. */
    private static final Pattern UNKNOWN_COMMAND = Pattern.compile("unknown command '([^']*)'");
    /** Redis 6 from inside a script, without the command's name. */
    private static final String UNKNOWN_IN_SCRIPT = "Unknown Redis command called from";
    private static final Pattern VERSION = Pattern.compile("(?m)^redis_version:(\\d+)\\.(\\d+)\\S*");
    private static final int REQUIRED_MAJOR = 7;

    private ScriptFailureDiagnosis() {
    }

    /**
     * @param error      the failure's messages, Redis' error text among them
     * @param serverInfo asked only when a command is unknown: the reply of {@code INFO server}, if Redis gives it
     * @param keyPrefix  the limiter's key prefix, for the ACL key pattern
     * @param commandAtLine the command that the script calls on a line, for errors that give only the line
     * @return the cause, e.g. {@code Redis 6.2.14 lacks PEXPIRETIME: 7.0 or newer is required}
     */
    static String explain(String error, Supplier<Optional<String>> serverInfo, String keyPrefix,
                          IntFunction<Optional<String>> commandAtLine) {
        Matcher denied = DENIED_COMMAND.matcher(error);
        if (denied.find()) {
            return lacking(denied.group(1));
        }
        Matcher deniedInScript = DENIED_IN_SCRIPT.matcher(error);
        if (deniedInScript.find()) {
            return commandAtLine.apply(Integer.parseInt(deniedInScript.group(1))).map(ScriptFailureDiagnosis::lacking)
                    .orElse("the ACL user may not run a command of the token-bucket script: see the README's ACL line");
        }
        if ((error.contains("NOPERM") || error.contains("can't access")) && error.contains("key")) {
            return "the ACL user may not access the limiter's keys: " + addKeyPattern(keyPrefix);
        }
        if (error.contains("OOM ")) {
            return "Redis is out of memory and refuses writes (maxmemory reached with maxmemory-policy noeviction):"
                    + " no decision can store its bucket";
        }
        if (error.contains("WRONGPASS") || error.contains("NOAUTH")) {
            return "Redis refused the user or password: check limiter.redis.user and limiter.redis.password";
        }
        Matcher unknown = UNKNOWN_COMMAND.matcher(error);
        if (unknown.find() && unknown.group(1).equalsIgnoreCase("auth")) {
            return "Redis does not know AUTH (renamed or disabled with rename-command), yet a user or password is"
                    + " configured: remove limiter.redis.user and limiter.redis.password, or give Redis its AUTH back";
        }
        if (unknown.find(0) || error.contains(UNKNOWN_IN_SCRIPT)) {
            return unknownCommand(serverInfo.get());
        }
        return "the token-bucket script failed";
    }

    /**
     * A refusal of the readiness check's ACL check: {@code cmd} when the user may not run the
     * command, {@code cmd key} when it may not on a policy's key.
     */
    static String refusedByAcl(String refusal, String keyPrefix) {
        int space = refusal.indexOf(' ');
        if (space < 0) {
            return lacking(refusal);
        }
        String key = refusal.substring(space + 1);
        return "the ACL user may not run " + refusal.substring(0, space).toUpperCase(Locale.ROOT) + " on "
                + key + ": " + addKeyPattern(key.startsWith("{" + keyPrefix) ? "{" + keyPrefix : keyPrefix);
    }

    /** The lease keys of a prefix without hash tag start with a '{' before it: their pattern is its own. */
    private static String addKeyPattern(String keyPrefix) {
        return "add ~" + keyPrefix + "* to its rules";
    }

    private static String lacking(String command) {
        String name = command.toLowerCase(Locale.ROOT);
        return "the ACL user may not run " + name.toUpperCase(Locale.ROOT) + ", which the limiter needs: add +" + name
                + " to its rules";
    }

    /** PEXPIRETIME came with Redis 7.0; the script's other commands are older. */
    static String unknownCommand(Optional<String> serverInfo) {
        Optional<Matcher> version = serverInfo.map(VERSION::matcher).filter(Matcher::find);
        if (version.isEmpty()) {
            return "Redis lacks a command of the script, probably PEXPIRETIME: 7.0 or newer is required";
        }
        String number = version.get().group().substring("redis_version:".length());
        if (Integer.parseInt(version.get().group(1)) < REQUIRED_MAJOR) {
            return "Redis " + number + " lacks PEXPIRETIME: 7.0 or newer is required";
        }
        return "Redis " + number + " does not know a command of the script: is one renamed or disabled"
                + " (rename-command)?";
    }
}
