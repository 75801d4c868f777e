package io.jakartaredis.limiter.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The response that the current thread is serving, from the moment the {@link RateLimitFilter}, or
 * without rules the {@link DecisionFieldsFilter}, passes a request on until the chain returns, and the {@link ResponseFields} of the decisions
 * taken meanwhile, made at the first one. A decision on any other thread (an
 * {@code @Asynchronous} method, an executor's task, the completion of an asynchronous request)
 * finds none, so it never writes into a response that another thread serves, nor into another
 * request's. Once the request has started asynchronous processing, another thread may own the
 * response, so from then on the request's own thread finds none either.
 *
 * <p>The thread-locals are set to {@code null} rather than removed when a request ends: on a
 * pooled thread, the next request then reuses the entry and allocates nothing, and a {@code null}
 * value holds no object of the application once it is undeployed.
 */
final class CurrentResponse {

    private static final ThreadLocal<HttpServletRequest> REQUEST = new ThreadLocal<>();
    private static final ThreadLocal<HttpServletResponse> RESPONSE = new ThreadLocal<>();
    private static final ThreadLocal<ResponseFields> FIELDS = new ThreadLocal<>();

    private CurrentResponse() {
    }

    /** The response this thread serves; {@code null} outside a request and once the request went asynchronous. */
    static HttpServletResponse response() {
        HttpServletRequest request = REQUEST.get();
        return request == null || request.isAsyncStarted() ? null : RESPONSE.get();
    }

    /** The request bound, asynchronous or not: what a nested request gives back when it ends. */
    static HttpServletRequest boundRequest() {
        return REQUEST.get();
    }

    static HttpServletResponse boundResponse() {
        return RESPONSE.get();
    }

    static ResponseFields fieldsOrNull() {
        return FIELDS.get();
    }

    static void enter(HttpServletRequest request, HttpServletResponse response) {
        REQUEST.set(request);
        RESPONSE.set(response);
        FIELDS.set(null);
    }

    static void restore(HttpServletRequest outerRequest, HttpServletResponse outerResponse, ResponseFields outerFields) {
        REQUEST.set(outerRequest);
        RESPONSE.set(outerResponse);
        FIELDS.set(outerFields);
    }

    /**
     * The fields of the request this thread serves, made now if no decision came before; {@code null}
     * outside a request. Asynchronous or not: decisions of others ask {@link #response()} first.
     */
    static ResponseFields fields(boolean legacyHeaders) {
        ResponseFields fields = FIELDS.get();
        if (fields != null) {
            return fields;
        }
        HttpServletResponse response = RESPONSE.get();
        if (response == null) {
            return null;
        }
        fields = new ResponseFields(response, legacyHeaders);
        FIELDS.set(fields);
        return fields;
    }
}
