package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.redis.TokenBucketScript;

/**
 * The causes named at startup, from Redis' error texts. Redis older than 7.0 is tested on the
 * parsed {@code INFO server} text only: no redis-server older than 7.0 is installed here.
 */
class ScriptFailureDiagnosisTest {

    /** As Redis 6.2 answers a script that calls PEXPIRETIME. */
    private static final String UNKNOWN_COMMAND = "EVALSHA token_bucket.lua failed on h:6379/0: ERR Error running script"
            + " (call to f_3c9a…): @user_script:44: @user_script: 44: Unknown Redis command called from Lua script";

    private static final String INFO_6 = "# Server\r\nredis_version:6.2.14\r\nredis_git_sha1:00000000\r\nredis_mode:standalone\r\n";
    private static final String INFO_7 = "# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\n";

    private static String explain(String error, Optional<String> info) {
        return ScriptFailureDiagnosis.explain(error, () -> info, "rate_limit:", TokenBucketScript::commandAtLine);
    }

    @Test
    void redisOlderThanSevenLacksPexpiretime() {
        assertEquals("Redis 6.2.14 lacks PEXPIRETIME: 7.0 or newer is required", explain(UNKNOWN_COMMAND, Optional.of(INFO_6)));
        assertEquals("Redis lacks a command of the script, probably PEXPIRETIME: 7.0 or newer is required",
                explain(UNKNOWN_COMMAND, Optional.empty()));
        assertEquals("Redis 7.0.15 does not know a command of the script: is one renamed or disabled (rename-command)?",
                explain(UNKNOWN_COMMAND, Optional.of(INFO_7)));
    }

    @Test
    void namesTheCommandThatTheAclUserLacks() {
        assertEquals("the ACL user may not run PEXPIRETIME, which the limiter needs: add +pexpiretime to its rules",
                explain("ERR Error running script (call to f_1): @user_script:44: @user_script: 44: NOPERM this user"
                        + " has no permissions to run the 'pexpiretime' command", Optional.empty()));
        assertEquals("the ACL user may not run SCRIPT|LOAD, which the limiter needs: add +script|load to its rules",
                explain("NOPERM this user has no permissions to run the 'script|load' command", Optional.empty()));
        assertEquals("the ACL user may not access the limiter's keys: add ~rate_limit:* to its rules",
                explain("NOPERM this user has no permissions to access one of the keys used as arguments", Optional.empty()));
    }

    /** Redis 7.0 names only the script's line; the script's source names the command. */
    @Test
    void namesTheCommandOnTheLineThatRedisReports() {
        int line = java.util.stream.IntStream.rangeClosed(1, 500)
                .filter(n -> TokenBucketScript.commandAtLine(n).equals(Optional.of("pexpiretime"))).findFirst().orElseThrow();
        assertEquals("the ACL user may not run PEXPIRETIME, which the limiter needs: add +pexpiretime to its rules",
                explain("EVALSHA token_bucket.lua failed on h:1/0: ERR The user executing the script can't run this"
                        + " command or subcommand script: 2f97712742171aa4, on @user_script:" + line + ".", Optional.empty()));
    }

    @Test
    void namesACommandThatTheScriptCallsProtected() {
        assertTrue(java.util.stream.IntStream.rangeClosed(1, 500)
                .anyMatch(n -> TokenBucketScript.commandAtLine(n).equals(Optional.of("get"))), "redis.pcall('GET', ...)");
    }

    @Test
    void namesOutOfMemoryAndAWrongPassword() {
        assertEquals("Redis is out of memory and refuses writes (maxmemory reached with maxmemory-policy noeviction):"
                + " no decision can store its bucket", explain("OOM command not allowed when used memory > 'maxmemory'."
                + " script: 9413d5a1, on @user_script:1.", Optional.empty()));
        assertEquals("Redis refused the user or password: check limiter.redis.user and limiter.redis.password",
                explain("WRONGPASS invalid username-password pair or user is disabled.", Optional.empty()));
    }

    @Test
    void asksForTheVersionOnlyWhenACommandIsUnknown() {
        ScriptFailureDiagnosis.explain("OOM command not allowed", () -> fail("INFO asked"), "p:", line -> Optional.empty());
        ScriptFailureDiagnosis.explain("NOPERM this user has no permissions to run the 'get' command",
                () -> fail("INFO asked"), "p:", line -> Optional.empty());
    }

    @Test
    void anUnknownAuthIsItsOwnCauseAndNoOtherUnknownIsTakenForPexpiretime() {
        assertEquals("Redis does not know AUTH (renamed or disabled with rename-command), yet a user or password is"
                + " configured: remove limiter.redis.user and limiter.redis.password, or give Redis its AUTH back",
                explain("ERR unknown command 'AUTH', with args beginning with: ****", Optional.of(INFO_7)));
        assertEquals("Redis 7.0.15 does not know a command of the script: is one renamed or disabled (rename-command)?",
                explain("ERR unknown command 'PEXPIRETIME', with args beginning with: ****", Optional.of(INFO_7)));
        assertEquals("the token-bucket script failed", ScriptFailureDiagnosis.explain(
                "ERR unknown subcommand 'x'. Try SCRIPT HELP. (Unknown host)", () -> fail("INFO asked"), "p:",
                line -> Optional.empty()));
    }
}
