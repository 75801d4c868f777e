package io.jakartaredis.limiter.demo.it.outcomes;

/** Never thrown: the annotation's {@code countOn}, which {@code limiter.policy.login.count-on} replaces. */
public class LockedAccountException extends Exception {

    private static final long serialVersionUID = 1L;

    public LockedAccountException(String user) {
        super("account locked: " + user);
    }
}
