package io.jakartaredis.limiter.web;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Makes the response of each request known to the decisions taken on its thread while the chain
 * runs ({@link CurrentResponse}), so that an admitted or rejected call of a {@code @RateLimited}
 * method adds its {@code RateLimit} fields to it ({@link ResponseFieldsObserver}). Installed by
 * {@link RateLimitFilterInitializer} where no rule is configured; the {@link RateLimitFilter}
 * binds the response itself. A request in which
 * nothing is decided costs two thread-local writes and reads, and allocates nothing on a pooled
 * thread.
 */
public final class DecisionFieldsFilter implements Filter {

    DecisionFieldsFilter() {
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest httpRequest && response instanceof HttpServletResponse http)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest outerRequest = CurrentResponse.boundRequest();
        HttpServletResponse outerResponse = CurrentResponse.boundResponse();
        ResponseFields outerFields = CurrentResponse.fieldsOrNull();
        CurrentResponse.enter(httpRequest, http);
        try {
            chain.doFilter(request, response);
        } finally {
            CurrentResponse.restore(outerRequest, outerResponse, outerFields);
        }
    }

    @Override
    public String toString() {
        return "DecisionFieldsFilter";
    }
}
