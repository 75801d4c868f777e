package io.jakartaredis.limiter.config;

/**
 * A configuration value that the limiter cannot use. The message names the property, quotes the
 * value and states what would be valid, e.g.
 * {@code limiter.policy.api.limits: "ten/1s" is invalid: expected <tokens>/<duration> such as 10/1s}.
 */
public class InvalidConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;

    public InvalidConfigurationException(String property, String value, String rule) {
        super(property + ": \"" + value + "\" is invalid: " + rule);
        this.property = property;
    }

    /** The property whose value is invalid. */
    public String property() {
        return property;
    }
}
