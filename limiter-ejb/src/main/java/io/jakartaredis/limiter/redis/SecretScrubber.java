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
 * echoed arguments are cut off whatever they are, and every user and password is replaced where it
 * still appears (raw and as Redis prints it).
 */
public final class SecretScrubber {

    /** Shows no secret, and text passes unchanged. */
    public static final SecretScrubber NONE = new SecretScrubber(List.of());

    private static final Pattern ECHOED_ARGS = Pattern.compile("with args beginning with:[^\\n]*");
    private static final String HIDDEN = "****";

    private final List<String> secrets;

    SecretScrubber(List<String> secrets) {
        List<String> forms = new ArrayList<>();
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                forms.add(secret);
                forms.add(secret.replace('\r', ' ').replace('\n', ' '));
            }
        }
        forms.sort(Comparator.comparingInt(String::length).reversed()); // a secret inside another goes last
        this.secrets = forms.stream().distinct().toList();
    }

    /** The users and passwords of Redis and of the Sentinels. */
    public static SecretScrubber of(RedisConfig config) {
        List<String> secrets = new ArrayList<>(List.of(Objects.toString(config.user(), ""),
                Objects.toString(config.password(), "")));
        if (config.topology() instanceof RedisTopology.Sentinel sentinel) {
            secrets.add(Objects.toString(sentinel.user(), ""));
            secrets.add(Objects.toString(sentinel.password(), ""));
        }
        return new SecretScrubber(secrets);
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
