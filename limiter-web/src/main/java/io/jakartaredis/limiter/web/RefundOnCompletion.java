package io.jakartaredis.limiter.web;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;

import io.jakartaredis.limiter.RateLimiter;

/**
 * Settles the refunds of an asynchronous request once it completes, when its status is final. A
 * timeout or an error the application does not handle is completed by the container (with an
 * error status, usually 500), which also ends here.
 */
final class RefundOnCompletion implements AsyncListener {

    private final ResponseRefunds refunds;
    private final RateLimiter limiter;
    private final HttpServletResponse response;

    RefundOnCompletion(ResponseRefunds refunds, RateLimiter limiter, HttpServletResponse response) {
        this.refunds = refunds;
        this.limiter = limiter;
        this.response = response;
    }

    @Override
    public void onComplete(AsyncEvent event) {
        refunds.settle(response.getStatus(), limiter);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        // onComplete follows with the status the timeout ended in
    }

    @Override
    public void onError(AsyncEvent event) {
        // onComplete follows with the status the error ended in
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // a new asynchronous cycle of the same request: this listener must be added again to hear of it
        event.getAsyncContext().addListener(this);
    }
}
