package io.jakartaredis.limiter.demo.docs;

/** A login with a wrong password. */
public class InvalidCredentialsException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidCredentialsException(String user) {
        super("invalid credentials of " + user);
    }
}
