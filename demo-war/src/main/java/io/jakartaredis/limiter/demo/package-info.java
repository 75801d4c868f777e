/** A small JAX-RS application that shows every way to limit: filter rules, EJB and CDI methods, one or two limits. */
package io.jakartaredis.limiter.demo;
