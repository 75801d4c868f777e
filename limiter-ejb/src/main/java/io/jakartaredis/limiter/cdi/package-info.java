/** Thin CDI adapters that put the plain-Java core into a Jakarta EE application. */
package io.jakartaredis.limiter.cdi;
