package io.jakartaredis.limiter.demo.docs;

/** What {@link PartnerApi} fetches. */
public record Quote(String id) {
}
