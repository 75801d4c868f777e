package io.jakartaredis.limiter.redis;

/**
 * Stands for a Jedis or JDK exception whose message was scrubbed of credentials
 * ({@link SecretScrubber}): prints as the original would, with its class name and stack trace,
 * and keeps its class for {@link RedisFailure#of(Throwable)}.
 */
public final class ScrubbedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Class<? extends Throwable> original;

    ScrubbedException(Throwable original, String scrubbedMessage, Throwable scrubbedCause) {
        super(scrubbedMessage, scrubbedCause, false, true);
        this.original = original.getClass();
        setStackTrace(original.getStackTrace());
    }

    /** Whether the exception it stands for was of this type. */
    public boolean was(Class<? extends Throwable> type) {
        return type.isAssignableFrom(original);
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return original.getName() + (message == null ? "" : ": " + message);
    }
}
