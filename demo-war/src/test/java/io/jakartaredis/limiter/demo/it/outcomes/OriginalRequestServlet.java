package io.jakartaredis.limiter.demo.it.outcomes;

import java.io.IOException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Starts asynchronous processing itself with the no-argument {@code startAsync()} and answers, from
 * another thread, whether its context holds the original request and response, in
 * {@code X-Original-Request-And-Response}.
 */
@WebServlet(urlPatterns = "/servlet-async/*", asyncSupported = true)
public class OriginalRequestServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AsyncContext async = request.startAsync();
        async.start(() -> {
            HttpServletResponse answer = (HttpServletResponse) async.getResponse();
            answer.setHeader("X-Original-Request-And-Response", Boolean.toString(async.hasOriginalRequestAndResponse()));
            answer.setStatus(200);
            async.complete();
        });
    }
}
