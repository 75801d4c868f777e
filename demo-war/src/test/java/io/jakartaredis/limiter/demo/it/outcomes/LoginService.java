package io.jakartaredis.limiter.demo.it.outcomes;

import jakarta.ejb.Stateless;

import io.jakartaredis.limiter.RateLimited;

/**
 * Only failed logins count: five per 15 minutes per user; successful ones give their token back.
 * The annotation counts an exception never thrown; the test's configuration makes
 * {@link InvalidCredentialsException} count instead, so only the override can reject.
 */
@Stateless
public class LoginService {

    @RateLimited(policy = "login", limits = "5/15m", key = "header:X-User", countOn = LockedAccountException.class)
    public String login(String user, String password) throws InvalidCredentialsException {
        if (!"secret".equals(password)) {
            throw new InvalidCredentialsException(user);
        }
        return "welcome " + user;
    }
}
