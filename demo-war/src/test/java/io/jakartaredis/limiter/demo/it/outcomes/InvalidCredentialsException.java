package io.jakartaredis.limiter.demo.it.outcomes;

/** A login with a wrong password: a checked exception, so an EJB application exception reaching the caller unwrapped. */
public class InvalidCredentialsException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidCredentialsException(String user) {
        super("invalid credentials for " + user);
    }
}
