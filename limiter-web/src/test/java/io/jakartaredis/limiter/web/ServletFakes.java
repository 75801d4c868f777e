package io.jakartaredis.limiter.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Just enough of the servlet API, through dynamic proxies; any other call fails the test. */
final class ServletFakes {

    private ServletFakes() {
    }

    /** A request to {@code servletPath + pathInfo} with header lines given as name, value, name, value, … */
    static HttpServletRequest request(String method, String servletPath, String pathInfo, String remoteAddr,
                                      Principal principal, String... headers) {
        Map<String, List<String>> lines = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < headers.length; i += 2) {
            lines.computeIfAbsent(headers[i], name -> new ArrayList<>()).add(headers[i + 1]);
        }
        return (HttpServletRequest) Proxy.newProxyInstance(ServletFakes.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, call, args) -> switch (call.getName()) {
                    case "getMethod" -> method;
                    case "getServletPath" -> servletPath;
                    case "getPathInfo" -> pathInfo;
                    case "getRemoteAddr" -> remoteAddr;
                    case "getUserPrincipal" -> principal;
                    case "isAsyncStarted" -> false;
                    case "getHeader" -> lines.getOrDefault((String) args[0], List.of()).stream().findFirst().orElse(null);
                    case "getHeaders" -> Collections.enumeration(lines.getOrDefault((String) args[0], List.of()));
                    default -> throw new UnsupportedOperationException(call.getName());
                });
    }

    static HttpServletRequest get(String path, String remoteAddr, String... headers) {
        return request("GET", path, null, remoteAddr, null, headers);
    }

    /** What a filter wrote into a response. */
    static final class Captured {
        final Map<String, String> headers = new LinkedHashMap<>();
        int status = 200;
        /** Whether the status was sent, as after the first flush of the body. */
        boolean committed;
        String contentType;
        int contentLength = -1;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        /** Thrown by every write of the body, when set, as when the client has gone away. */
        IOException writeFailure;

        String body() {
            return body.toString(StandardCharsets.UTF_8);
        }

        HttpServletResponse response() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    if (writeFailure != null) {
                        throw writeFailure;
                    }
                    body.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException("setWriteListener");
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(ServletFakes.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, call, args) -> switch (call.getName()) {
                        case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                        case "setStatus", "sendError" -> status = (Integer) args[0];
                        case "getStatus" -> status;
                        case "isCommitted" -> committed;
                        case "setContentType" -> contentType = (String) args[0];
                        case "setContentLength" -> contentLength = (Integer) args[0];
                        case "getOutputStream" -> out;
                        default -> throw new UnsupportedOperationException(call.getName());
                    });
        }
    }

    /** A chain that counts how often the request went on. */
    static final class Chain {
        int passed;

        FilterChain chain() {
            return (request, response) -> passed++;
        }
    }
}
