package io.jakartaredis.limiter.demo.docs;

/** The application's own lookup of its customers' plans. */
public interface Plans {

    /** The plan of a user, e.g. {@code gold}; {@code null} for the default. */
    String of(String user);
}
