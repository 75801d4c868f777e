package io.jakartaredis.limiter.demo.docs;

/** What the examples' report builders return. */
public record Report(String title) {
}
