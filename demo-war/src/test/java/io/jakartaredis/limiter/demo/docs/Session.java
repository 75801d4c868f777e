package io.jakartaredis.limiter.demo.docs;

/** A logged-in user. */
public record Session(String user) {

    /** @throws InvalidCredentialsException when the password is not the user's */
    static Session open(String user, String password) throws InvalidCredentialsException {
        if (password.length() < 8) {
            throw new InvalidCredentialsException(user);
        }
        return new Session(user);
    }
}
