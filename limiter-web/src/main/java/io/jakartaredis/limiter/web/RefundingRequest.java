package io.jakartaredis.limiter.web;

import java.lang.System.Logger.Level;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import io.jakartaredis.limiter.RateLimiter;

/**
 * The request as the chain sees it when its status may give tokens back: it registers
 * {@link RefundOnCompletion} the moment the application starts asynchronous processing, so that
 * the refunds are settled when the request completes, however soon that is. Asking
 * {@code isAsyncStarted()} after the chain returned would miss a request that was already
 * dispatched or completed, and races with its completion on another thread.
 */
final class RefundingRequest extends HttpServletRequestWrapper {

    private static final System.Logger LOG = System.getLogger(RefundingRequest.class.getName());

    private final ResponseRefunds refunds;
    private final RateLimiter limiter;
    private final HttpServletResponse response;
    private volatile boolean asyncStarted;

    RefundingRequest(HttpServletRequest request, ResponseRefunds refunds, RateLimiter limiter, HttpServletResponse response) {
        super(request);
        this.refunds = refunds;
        this.limiter = limiter;
        this.response = response;
    }

    /**
     * Starts over the request and response this wrapper was given, the container's own, as the
     * no-argument call means. Delegating as is would let Undertow build the context over this
     * wrapper, the request its filter chain holds, and {@code hasOriginalRequestAndResponse()}
     * would be false on WildFly only.
     */
    @Override
    public AsyncContext startAsync() {
        return listened(getRequest().startAsync(getRequest(), response));
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        return listened(super.startAsync(request, response));
    }

    /** Whether the application started asynchronous processing through this request: its listener then settles. */
    boolean asyncStarted() {
        return asyncStarted;
    }

    /** Settles on completion; called by the filter when asynchronous processing started without this wrapper seeing it. */
    void listenTo(AsyncContext context) {
        asyncStarted = true;
        try {
            context.addListener(new RefundOnCompletion(refunds, limiter, response));
        } catch (IllegalStateException completedMeanwhile) {
            // the request completed on another thread before the listener could be added: its status is final
            LOG.log(Level.DEBUG, "The asynchronous request completed before its refund listener was added", completedMeanwhile);
            refunds.settle(response.getStatus(), limiter);
        }
    }

    private AsyncContext listened(AsyncContext context) {
        if (!asyncStarted) {
            listenTo(context);
        }
        return context;
    }
}
