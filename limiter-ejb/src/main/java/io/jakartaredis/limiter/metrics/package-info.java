/**
 * Per-policy counters of the limiter's decisions, and their JMX MBeans
 * ({@code io.jakartaredis.limiter:type=Policy,name=<policy>}). Plain Java: the platform MBean
 * server is in the JDK; imports no container API.
 */
package io.jakartaredis.limiter.metrics;
