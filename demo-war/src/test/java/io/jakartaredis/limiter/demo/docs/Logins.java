package io.jakartaredis.limiter.demo.docs;

import jakarta.ejb.Stateless;

import io.jakartaredis.limiter.RateLimited;

/** Logins limited by their outcome: only failures count. */
@Stateless
public class Logins {

    // 5 failed attempts per 15 minutes per user; a successful login costs nothing
    @RateLimited(policy = "login", limits = "5/15m", key = "header:X-User",
                 countOn = InvalidCredentialsException.class)
    public Session login(String user, String password) throws InvalidCredentialsException {
        return Session.open(user, password);
    }
}
