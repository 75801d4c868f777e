package io.jakartaredis.limiter.demo.docs;

/** A partner's API, which allows 100 calls per minute from all of our nodes together. */
public interface Partner {

    void call();
}
