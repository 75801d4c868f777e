/**
 * The HTTP end-to-end load run ({@code ./mvnw -q -Phttp-load -pl demo-war -am package -DskipTests}):
 * the JDK HTTP client against Payara Micro nodes serving the demo WAR, comparing an endpoint under a
 * generous limit with the same endpoint under no rule, and measuring rejected requests.
 * {@link io.jakartaredis.limiter.demo.load.HttpLoad} is the main class; it never runs in {@code verify}.
 */
package io.jakartaredis.limiter.demo.load;
