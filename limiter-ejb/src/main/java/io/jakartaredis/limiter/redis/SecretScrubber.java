package io.jakartaredis.limiter.redis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import io.jakartaredis.limiter.config.RedisConfig;
import io.jakartaredis.limiter.config.RedisTopology;

/**
 * Removes the configured credentials from text that comes from Jedis or Redis before it goes into
 * a message or a log. Redis echoes the arguments of a command it does not know, {@code AUTH}
 * included ({@code rename-command AUTH ""}): {@code ERR unknown command 'AUTH', with args beginning
 * with: 'limiter' 'secret'}, truncated at 128 characters and with line breaks made spaces. So the
 * echoed arguments are cut off whatever they are, every password is replaced wherever it still
 * appears (raw and as Redis prints it), and every user where Redis quotes it.
 */
public final class SecretScrubber {

    /** Shows no secret, and text passes unchanged. */
    public static final SecretScrubber NONE = new SecretScrubber(List.of(), List.of());

    private static final Pattern ECHOED_ARGS = Pattern.compile("with args beginning with:[^\\n]*");
    private static final String HIDDEN = "****";

    private final List<String> secrets;

    /**
     * @param passwords replaced wherever they appear
     * @param users     replaced where Redis quotes them ({@code 'limiter'}): a user name such as
     *                  {@code limiter} is also a word of host names and messages
     */
    SecretScrubber(List<String> passwords, List<String> users) {
        List<String> forms = new ArrayList<>();
        for (String password : passwords) {
            if (password != null && !password.isEmpty()) {
                forms.add(password);
                forms.add(password.replace('\r', ' ').replace('\n', ' '));
            }
        }
        for (String user : users) {
            if (user != null && !user.isEmpty()) {
                forms.add("'" + user + "'");
            }
        }
        forms.sort(Comparator.comparingInt(String::length).reversed()); // a secret inside another goes last
        this.secrets = forms.stream().distinct().toList();
    }

    /** The users and passwords of Redis and of the Sentinels. */
    public static SecretScrubber of(RedisConfig config) {
        List<String> passwords = new ArrayList<>(List.of(Objects.toString(config.password(), "")));
        List<String> users = new ArrayList<>(List.of(Objects.toString(config.user(), "")));
        if (config.topology() instanceof RedisTopology.Sentinel sentinel) {
            passwords.add(Objects.toString(sentinel.password(), ""));
            users.add(Objects.toString(sentinel.user(), ""));
        }
        return new SecretScrubber(passwords, users);
    }

    /** The text without echoed command arguments and without any configured user or password. */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String scrubbed = ECHOED_ARGS.matcher(text).replaceAll("with args beginning with: " + HIDDEN);
        for (String secret : secrets) {
            scrubbed = scrubbed.replace(secret, HIDDEN);
        }
        return scrubbed;
    }

    /**
     * A copy of the failure and its causes whose messages are scrubbed, with their classes' names
     * and stack traces: the original exceptions, which hold Redis' raw text, are never passed on.
     */
    public Throwable scrub(Throwable failure) {
        if (failure == null) {
            return null;
        }
        return new ScrubbedException(failure, scrub(failure.getMessage()), scrub(failure.getCause()));
    }
}
