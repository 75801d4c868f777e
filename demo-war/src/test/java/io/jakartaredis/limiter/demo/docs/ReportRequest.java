package io.jakartaredis.limiter.demo.docs;

/** What a caller asks {@link ReportService} for. */
public record ReportRequest(String title) {
}
