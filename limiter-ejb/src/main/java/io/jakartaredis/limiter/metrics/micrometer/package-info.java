/**
 * The policies' statistics in Micrometer. Only loaded where the server provides that API: the CDI
 * extension adds the publisher as a bean only then.
 */
package io.jakartaredis.limiter.metrics.micrometer;
